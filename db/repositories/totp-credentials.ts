import { sql } from 'kysely'
import { type Executor } from '../executor.ts'

// A person's TOTP secret, encrypted by the web process (ADR 064). A row without `enabled_at` is an
// enrolment in progress: its secret is shown to the person but protects nothing yet.

/** The person's credential (enabled or being enrolled), or undefined. */
export function findByUser(db: Executor, userId: string) {
  return db
    .selectFrom('totp_credentials')
    .select(['secret_encrypted', 'enabled_at', 'last_used_step', 'created_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** Whether the person has a second factor turned on. */
export async function isEnabled(db: Executor, userId: string) {
  const row = await db
    .selectFrom('totp_credentials')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('enabled_at', 'is not', null)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Starts (or restarts) an enrolment with a new secret; refused (false) while one is enabled, so a
 * stolen session cannot swap the secret of an enabled second factor.
 */
export async function startEnrolment(db: Executor, userId: string, secretEncrypted: string) {
  const result = await db
    .insertInto('totp_credentials')
    .values({ user_id: userId, secret_encrypted: secretEncrypted })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret_encrypted: secretEncrypted, last_used_step: null })
        .where('totp_credentials.enabled_at', 'is', null),
    )
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/**
 * Records `step` as the last accepted code's time step, only if it is later than the last one:
 * true when this call took it, false when that step (or a later one) was already used, which is
 * how a replayed code, or the same code sent twice at once, is refused.
 */
export async function consumeStep(db: Executor, userId: string, step: number) {
  const result = await db
    .updateTable('totp_credentials')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Turns the enrolment on (its first code was right); false when there is none to turn on. */
export async function enable(db: Executor, userId: string) {
  const result = await db
    .updateTable('totp_credentials')
    .set({ enabled_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('enabled_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Removes the person's second factor (enabled or not). */
export async function deleteByUser(db: Executor, userId: string) {
  await db.deleteFrom('totp_credentials').where('user_id', '=', userId).execute()
}
