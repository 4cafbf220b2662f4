import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '../client.ts'
import { createUser } from '#tests/factories/index.ts'
import * as SessionRepository from './sessions.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

const IDLE_SECONDS = 2 * 3600

/** A session whose expiry and last activity are given as PostgreSQL intervals from now. */
async function session(userId: string, { expiresIn, lastSeenAgo }: { expiresIn: string; lastSeenAgo: string }) {
  const idHash = randomUUID()
  await SessionRepository.insert(db, { idHash, userId, expiresAt: new Date(), userAgent: null, ip: null })
  await sql`UPDATE sessions SET expires_at = now() + ${expiresIn}::interval, last_seen_at = now() - ${lastSeenAgo}::interval WHERE id_hash = ${idHash}`.execute(
    db,
  )
  return idHash
}

describe('pruning sessions', () => {
  it('deletes sessions past their absolute expiry or idle too long, and keeps live ones', async () => {
    const user = await createUser(db)
    const live = await session(user.id, { expiresIn: '10 hours', lastSeenAgo: '5 minutes' })
    const expired = await session(user.id, { expiresIn: '-1 minute', lastSeenAgo: '5 minutes' })
    const idle = await session(user.id, { expiresIn: '10 hours', lastSeenAgo: '2 hours 1 minute' })

    expect(await SessionRepository.deleteExpired(db, IDLE_SECONDS)).toBeGreaterThanOrEqual(2)

    const left = await db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute()
    expect(left.map((s) => s.id_hash)).toEqual([live])
    expect(await SessionRepository.touch(db, live, IDLE_SECONDS)).toMatchObject({ user_id: user.id })
    expect(await SessionRepository.touch(db, expired, IDLE_SECONDS)).toBeUndefined()
    expect(await SessionRepository.touch(db, idle, IDLE_SECONDS)).toBeUndefined()
  })

  it('deletes exactly the sessions that sign-in would no longer accept', async () => {
    const user = await createUser(db)
    const justLive = await session(user.id, { expiresIn: '1 minute', lastSeenAgo: '1 hour 59 minutes' })
    await SessionRepository.deleteExpired(db, IDLE_SECONDS)
    expect(await SessionRepository.touch(db, justLive, IDLE_SECONDS)).toMatchObject({ user_id: user.id })
  })
})
