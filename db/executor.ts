import { type Kysely, type Transaction } from 'kysely'
import { type DB } from './types.ts'

/** A database handle or an open transaction; every repository function takes one first. */
export type Executor = Kysely<DB> | Transaction<DB>

/** Thrown by repositories when a record changed since the caller read it (optimistic concurrency). */
export class StaleRecordError extends Error {
  constructor(public readonly current: unknown) {
    super('The record was changed by someone else')
  }
}
