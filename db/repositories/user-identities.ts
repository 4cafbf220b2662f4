import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

/** The account linked to this issuer's subject, active or not (the caller refuses inactive ones). */
export function findUserBySubject(db: Executor, issuer: string, subject: string) {
  return db
    .selectFrom('user_identities')
    .innerJoin('users', 'users.id', 'user_identities.user_id')
    .select(['users.id', 'users.email', 'users.is_active', 'user_identities.id as identity_id'])
    .where('user_identities.issuer', '=', issuer)
    .where('user_identities.subject', '=', subject)
    .executeTakeFirst()
}

/** The account whose email matches (case-insensitively), with its link at this issuer if any. */
export function findUserByEmailForLinking(db: Executor, issuer: string, email: string) {
  return db
    .selectFrom('users')
    .leftJoin('user_identities', (join) =>
      join.onRef('user_identities.user_id', '=', 'users.id').on('user_identities.issuer', '=', issuer),
    )
    .select(['users.id', 'users.email', 'users.is_active', 'user_identities.subject as linked_subject'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .executeTakeFirst()
}

export class AlreadyLinkedError extends Error {
  constructor() {
    super('This account or this subject is already linked')
  }
}

/** Links the account to the subject; throws AlreadyLinkedError when either side already has a link. */
export async function insert(db: Executor, values: { userId: string; issuer: string; subject: string; email: string }) {
  // DO NOTHING rather than a unique-violation error, which would abort the caller's transaction.
  const row = await db
    .insertInto('user_identities')
    .values({
      user_id: values.userId,
      issuer: values.issuer,
      subject: values.subject,
      email: values.email.slice(0, 254),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!row) throw new AlreadyLinkedError()
}

/** Records a sign-in through the link and the email the provider gave this time. */
export async function markUsed(db: Executor, id: string, email: string | null) {
  await db
    .updateTable('user_identities')
    .set((eb) => ({ last_used_at: sql`now()`, email: email ? email.slice(0, 254) : eb.ref('email') }))
    .where('id', '=', id)
    .execute()
}

/** A user's links, for the account page. */
export function findByUser(db: Executor, userId: string) {
  return db
    .selectFrom('user_identities')
    .select(['id', 'issuer', 'email', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute()
}

/** Removes the user's links; true when there was one. */
export async function deleteAllForUser(db: Executor, userId: string) {
  const result = await db.deleteFrom('user_identities').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
