import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

// Password reset requests (ADR 060). Every request is recorded, for a known address or not, so that
// throttling counts both alike; only those for an active account carry a token (its SHA-256).

/** Requests in the last `windowSeconds`, for this address and from this client address. */
export async function countRecent(db: Executor, email: string, ip: string, windowSeconds: number) {
  const row = await db
    .selectFrom('password_resets')
    .select([
      sql<number>`count(*) FILTER (WHERE email = ${email.toLowerCase()})`.as('email'),
      sql<number>`count(*) FILTER (WHERE ip = ${ip})`.as('ip'),
    ])
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .where((eb) => eb.or([eb('email', '=', email.toLowerCase()), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow()
  return { email: Number(row.email), ip: Number(row.ip) }
}

/** Records a request; with `token`, a usable one-time link for that account. */
export async function insert(
  db: Executor,
  values: { email: string; ip: string; token?: { userId: string; hash: string; expiresAt: Date } },
) {
  await db
    .insertInto('password_resets')
    .values({
      email: values.email.toLowerCase(),
      ip: values.ip,
      user_id: values.token?.userId ?? null,
      token_hash: values.token?.hash ?? null,
      expires_at: values.token?.expiresAt ?? null,
    })
    .execute()
}

/** The active account a reset may be sent to, with what the message needs. */
export function findResettableUser(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('is_active', '=', true)
    .executeTakeFirst()
}

/** An unused, unexpired reset of an active account. */
export function findUsable(db: Executor, tokenHash: string) {
  return db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['password_resets.id', 'users.id as user_id', 'users.email', 'users.name'])
    .where('password_resets.token_hash', '=', tokenHash)
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', sql<Date>`now()`)
    .where('users.is_active', '=', true)
    .executeTakeFirst()
}

/** Uses the reset and voids every other unused one of the account; false if it was used concurrently. */
export async function markUsed(db: Executor, id: string, userId: string) {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: sql`now()` })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  await db
    .updateTable('password_resets')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute()
  return true
}

/** Deletes requests older than `hours` (past every token's expiry and the throttling window). */
export async function deleteOlderThan(db: Executor, hours: number) {
  const result = await db
    .deleteFrom('password_resets')
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
