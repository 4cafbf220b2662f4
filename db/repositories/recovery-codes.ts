import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

// One-time recovery codes, kept as hashes (ADR 064): each signs in once, in place of a TOTP code.

/** Replaces the person's recovery codes with these hashes (the old ones stop working). */
export async function replaceAll(db: Executor, userId: string, codeHashes: string[]) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
  if (codeHashes.length === 0) return
  await db
    .insertInto('recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute()
}

/** Marks the code used if it is one of the person's unused codes; true when it was. */
export async function consume(db: Executor, userId: string, codeHash: string) {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** How many of the person's recovery codes are still unused. */
export async function countUnused(db: Executor, userId: string) {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function deleteByUser(db: Executor, userId: string) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
}
