import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '../client.ts'
import * as LoginAttemptRepository from './login-attempts.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

const KEEP = { failureSeconds: 15 * 60, successDays: 90 }

/** Inserts an attempt for `email` made `age` ago (a PostgreSQL interval such as '16 minutes'). */
async function attemptAgo(email: string, success: boolean, age: string) {
  const id = await LoginAttemptRepository.insert(db, { email, ip: '192.0.2.7', success })
  await sql`UPDATE login_attempts SET created_at = now() - ${age}::interval WHERE id = ${id}`.execute(db)
  return id
}

async function remaining(email: string) {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['success', 'created_at'])
    .where('email', '=', email)
    .orderBy('created_at')
    .execute()
  return rows.map((r) => r.success)
}

describe('pruning sign-in attempts', () => {
  it('deletes failures older than the throttling window and keeps the recent ones', async () => {
    const email = `prune-${randomUUID()}@example.test`
    await attemptAgo(email, false, '16 minutes')
    await attemptAgo(email, false, '14 minutes')
    const deleted = await LoginAttemptRepository.deleteStale(db, KEEP)
    expect(deleted).toBeGreaterThanOrEqual(1)
    expect(await remaining(email)).toEqual([false])
    expect(await LoginAttemptRepository.countRecentFailures(db, email, '192.0.2.7', KEEP.failureSeconds)).toMatchObject(
      { account: 1 },
    )
  })

  it('keeps successes for the known-address period, so a known office still passes wide limits', async () => {
    const email = `prune-${randomUUID()}@example.test`
    await attemptAgo(email, true, '91 days')
    await attemptAgo(email, true, '89 days')
    await attemptAgo(email, false, '1 day')
    await LoginAttemptRepository.deleteStale(db, KEEP)
    expect(await remaining(email)).toEqual([true])
    expect(await LoginAttemptRepository.existsRecentSuccess(db, email, '192.0.2.7', KEEP.successDays)).toBe(true)
  })

  it('deletes nothing when every attempt is still read by a rule', async () => {
    const email = `prune-${randomUUID()}@example.test`
    await attemptAgo(email, false, '1 minute')
    await attemptAgo(email, true, '1 minute')
    await LoginAttemptRepository.deleteStale(db, KEEP)
    expect(await remaining(email)).toHaveLength(2)
  })
})
