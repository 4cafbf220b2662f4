import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

export async function insert(
  db: Executor,
  values: { tokenHash: string; userId: string; createdBy: string; expiresAt: Date },
) {
  // A new link replaces any earlier unused one for the same person.
  await db.deleteFrom('invitations').where('user_id', '=', values.userId).where('used_at', 'is', null).execute()
  await db
    .insertInto('invitations')
    .values({
      token_hash: values.tokenHash,
      user_id: values.userId,
      created_by: values.createdBy,
      expires_at: values.expiresAt,
    })
    .execute()
}

/** An unused, unexpired invitation of an active account, with the invitee's name and email. */
export function findUsable(db: Executor, tokenHash: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.user_id')
    .select(['invitations.id', 'invitations.user_id', 'users.email', 'users.name'])
    .where('invitations.token_hash', '=', tokenHash)
    .where('invitations.used_at', 'is', null)
    .where('invitations.expires_at', '>', sql<Date>`now()`)
    .where('users.is_active', '=', true)
    .executeTakeFirst()
}

/** Marks the invitation used; returns false if it was used concurrently. */
export async function markUsed(db: Executor, id: string) {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: sql`now()` })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
