import { sql } from 'kysely'
import { type SignInFactor } from '#core/vocabulary.ts'
import { type Executor } from '../executor.ts'

// Password and second-factor attempts share this table and its rules; each query counts one
// factor (`factor`, 'password' unless given), so wrong codes never lock out a password or the reverse.

/** Records an attempt and returns its id. */
export async function insert(
  db: Executor,
  values: { email: string; ip: string; success: boolean; factor?: SignInFactor },
) {
  const row = await db
    .insertInto('login_attempts')
    .values({
      email: values.email.toLowerCase(),
      ip: values.ip,
      success: values.success,
      factor: values.factor ?? 'password',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function deleteById(db: Executor, id: number) {
  await db.deleteFrom('login_attempts').where('id', '=', id).execute()
}

/** Failed attempts in the window: for this account, for this account from this address, and from this address. */
export async function countRecentFailures(
  db: Executor,
  email: string,
  ip: string,
  windowSeconds: number,
  factor: SignInFactor = 'password',
) {
  const row = await db
    .selectFrom('login_attempts')
    .select([
      sql<number>`count(*) FILTER (WHERE email = ${email.toLowerCase()})`.as('account'),
      sql<number>`count(*) FILTER (WHERE email = ${email.toLowerCase()} AND ip = ${ip})`.as('account_ip'),
      sql<number>`count(*) FILTER (WHERE ip = ${ip})`.as('ip'),
    ])
    .where('success', '=', false)
    .where('factor', '=', factor)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .where((eb) => eb.or([eb('email', '=', email.toLowerCase()), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow()
  return { account: Number(row.account), accountIp: Number(row.account_ip), ip: Number(row.ip) }
}

/** A successful sign-in forgives earlier failures for that account from that address. */
export async function clearFailures(db: Executor, email: string, ip: string, factor: SignInFactor = 'password') {
  await db
    .deleteFrom('login_attempts')
    .where('email', '=', email.toLowerCase())
    .where('ip', '=', ip)
    .where('success', '=', false)
    .where('factor', '=', factor)
    .execute()
}

/** Whether this account has signed in successfully from this address within the last `days`. */
export async function existsRecentSuccess(
  db: Executor,
  email: string,
  ip: string,
  days: number,
  factor: SignInFactor = 'password',
) {
  const row = await db
    .selectFrom('login_attempts')
    .select('id')
    .where('email', '=', email.toLowerCase())
    .where('ip', '=', ip)
    .where('success', '=', true)
    .where('factor', '=', factor)
    .where('created_at', '>', sql<Date>`now() - make_interval(days => ${days})`)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Deletes the attempts no rule reads any more: failures older than the throttling window and
 * successes older than the known-address period. Returns how many rows went.
 */
export async function deleteStale(db: Executor, keep: { failureSeconds: number; successDays: number }) {
  const result = await db
    .deleteFrom('login_attempts')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('success', '=', false),
          eb('created_at', '<=', sql<Date>`now() - make_interval(secs => ${keep.failureSeconds})`),
        ]),
        eb.and([
          eb('success', '=', true),
          eb('created_at', '<=', sql<Date>`now() - make_interval(days => ${keep.successDays})`),
        ]),
      ]),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
