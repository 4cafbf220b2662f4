import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

export function insert(
  db: Executor,
  values: {
    idHash: string
    userId: string
    expiresAt: Date
    userAgent: string | null
    ip: string | null
    /** Set when the sign-in included a second factor (ADR 064). */
    mfaVerified?: boolean
  },
) {
  return db
    .insertInto('sessions')
    .values({
      id_hash: values.idHash,
      user_id: values.userId,
      expires_at: values.expiresAt,
      user_agent: values.userAgent?.slice(0, 300) ?? null,
      ip: values.ip,
      mfa_verified_at: values.mfaVerified ? sql<Date>`now()` : null,
    })
    .execute()
}

/**
 * Finds a live session and slides its idle window in the same statement; expired or idle sessions
 * are not returned.
 */
export function touch(db: Executor, idHash: string, idleSeconds: number) {
  return db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()` })
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .returning(['id_hash', 'user_id', 'mfa_verified_at'])
    .executeTakeFirst()
}

/** A user's sessions that are still live, newest first. */
export function findLiveByUser(db: Executor, userId: string, idleSeconds: number) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'last_seen_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .orderBy('last_seen_at', 'desc')
    .execute()
}

/** Records that this session's person has just proved their second factor (enrolment, step-up). */
export async function markMfaVerified(db: Executor, idHash: string) {
  await db
    .updateTable('sessions')
    .set({ mfa_verified_at: sql`now()` })
    .where('id_hash', '=', idHash)
    .execute()
}

export async function deleteByIdHash(db: Executor, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}

/** Ends one of the user's own sessions; a hash of someone else's session matches nothing. */
export async function deleteForUser(db: Executor, userId: string, idHash: string) {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id_hash', '=', idHash)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function deleteAllForUserExcept(db: Executor, userId: string, keepIdHash: string | null) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (keepIdHash) query = query.where('id_hash', '!=', keepIdHash)
  await query.execute()
}

/**
 * Deletes the sessions `touch` would no longer accept: past their absolute expiry, or idle for
 * `idleSeconds` or more. Returns how many rows went.
 */
export async function deleteExpired(db: Executor, idleSeconds: number) {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('last_seen_at', '<=', sql<Date>`now() - make_interval(secs => ${idleSeconds})`),
      ]),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
