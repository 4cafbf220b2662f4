import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

/** Whether accounts of this email domain (exact, lower case) must sign in with the organisation account. */
export async function existsForDomain(db: Executor, domain: string) {
  const row = await db
    .selectFrom('sign_in_policies')
    .select('domain')
    .where('domain', '=', domain.toLowerCase())
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Every domain rule with how many active accounts it covers and how many of them are linked to an
 * organisation account (those not yet linked get in by signing in with it once).
 */
export function findAllWithCounts(db: Executor) {
  return db
    .selectFrom('sign_in_policies')
    .leftJoin('users as creator', 'creator.id', 'sign_in_policies.created_by')
    .select([
      'sign_in_policies.domain',
      'sign_in_policies.created_at',
      'creator.name as created_by_name',
      sql<number>`(SELECT count(*) FROM users
        WHERE lower(split_part(users.email, '@', 2)) = sign_in_policies.domain AND users.is_active)`.as('accounts'),
      sql<number>`(SELECT count(*) FROM users
        WHERE lower(split_part(users.email, '@', 2)) = sign_in_policies.domain AND users.is_active
          AND EXISTS (SELECT 1 FROM user_identities WHERE user_identities.user_id = users.id))`.as('linked'),
    ])
    .orderBy('sign_in_policies.domain')
    .execute()
}

/** Adds a domain rule; false when it existed already. */
export async function insert(db: Executor, values: { domain: string; createdBy: string }) {
  const row = await db
    .insertInto('sign_in_policies')
    .values({ domain: values.domain.toLowerCase(), created_by: values.createdBy })
    .onConflict((oc) => oc.doNothing())
    .returning('domain')
    .executeTakeFirst()
  return row !== undefined
}

/** Removes a domain rule; false when there was none. */
export async function deleteByDomain(db: Executor, domain: string) {
  const result = await db.deleteFrom('sign_in_policies').where('domain', '=', domain.toLowerCase()).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
