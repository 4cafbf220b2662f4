import { sql, Transaction, type Kysely } from 'kysely'
import { type DB } from './types.ts'

/** A database handle or an open transaction; every repository function takes one first. */
export type Executor = Kysely<DB> | Transaction<DB>

/** Thrown by repositories when a record changed since the caller read it (optimistic concurrency). */
export class StaleRecordError extends Error {
  constructor(public readonly current: unknown) {
    super('The record was changed by someone else')
  }
}

/** Runs `fn` in the caller's transaction if there is one, otherwise in a new transaction. */
export function withTransaction<T>(db: Executor, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db instanceof Transaction ? fn(db) : db.transaction().execute(fn)
}

/**
 * Runs `fn` inside a savepoint of the caller's transaction: if it throws, what it wrote is undone
 * and the error rethrown, while the transaction itself stays usable (a side task that must never
 * cost the main change, e.g. the notifications of a compaction).
 */
export async function withSavepoint<T>(trx: Transaction<DB>, fn: () => Promise<T>): Promise<T> {
  await sql`SAVEPOINT side_task`.execute(trx)
  try {
    const result = await fn()
    await sql`RELEASE SAVEPOINT side_task`.execute(trx)
    return result
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT side_task`.execute(trx)
    throw error
  }
}
