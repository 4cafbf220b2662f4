import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

// The state between a right password and a right second factor (ADR 064): it names the person
// and expires within minutes; it is not a session and opens nothing but the second step.

export async function insert(
  db: Executor,
  values: { idHash: string; userId: string; redirectTo: string; expiresInSeconds: number },
) {
  await db
    .insertInto('sign_in_challenges')
    .values({
      id_hash: values.idHash,
      user_id: values.userId,
      redirect_to: values.redirectTo,
      expires_at: sql<Date>`now() + make_interval(secs => ${values.expiresInSeconds})`,
    })
    .execute()
}

/** A challenge that has not expired, or undefined. */
export function findLive(db: Executor, idHash: string) {
  return db
    .selectFrom('sign_in_challenges')
    .select(['id_hash', 'user_id', 'redirect_to', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
}

/** Takes the challenge (it works once); true when this call took it. */
export async function deleteByIdHash(db: Executor, idHash: string) {
  const result = await db.deleteFrom('sign_in_challenges').where('id_hash', '=', idHash).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Deletes expired challenges; returns how many went. */
export async function deleteExpired(db: Executor) {
  const result = await db
    .deleteFrom('sign_in_challenges')
    .where('expires_at', '<=', sql<Date>`now()`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
