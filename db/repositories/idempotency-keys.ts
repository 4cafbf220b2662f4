import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

// The answers of form entries already saved, by their author and the key the form sent (ADR 039).

export interface KeyOwner {
  userId: string
  key: string
}

/** What the first request with this key was (its fingerprint) and what it was answered; undefined for an unused key. */
export function find(db: Executor, owner: KeyOwner) {
  return db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'answer'])
    .where('user_id', '=', owner.userId)
    .where('key', '=', owner.key)
    .executeTakeFirst()
}

/**
 * Takes the key for the caller's transaction; false when it is taken already. A request with the
 * same key that is still in its transaction makes this wait until that one commits (the key is
 * then taken) or rolls back (the key is free again), so two resends never both go ahead.
 */
export async function claim(trx: Executor, owner: KeyOwner & { fingerprint: string }) {
  const row = await trx
    .insertInto('idempotency_keys')
    .values({ user_id: owner.userId, key: owner.key, fingerprint: owner.fingerprint })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst()
  return row !== undefined
}

/** Stores the answer of the request that claimed the key, before its transaction commits. */
export async function storeAnswer(trx: Executor, owner: KeyOwner & { answer: unknown }) {
  await trx
    .updateTable('idempotency_keys')
    .set({ answer: JSON.stringify(owner.answer) })
    .where('user_id', '=', owner.userId)
    .where('key', '=', owner.key)
    .execute()
}

/** Deletes the keys used more than `hours` ago; returns how many went. */
export async function deleteOlderThan(db: Executor, hours: number) {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<=', sql<Date>`now() - make_interval(hours => ${hours})`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
