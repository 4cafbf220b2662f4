import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createDb } from '#db/client.ts'
import { createUser } from '#tests/factories/index.ts'
import * as IdempotencyKeyRepository from '#db/repositories/idempotency-keys.ts'
import * as LoginAttemptRepository from '#db/repositories/login-attempts.ts'
import * as SessionRepository from '#db/repositories/sessions.ts'
import { getDb } from './db.server.ts'
import { pruneStaleRecords, schedulePruning } from './pruning.server.ts'

const db = getDb()

async function staleRows() {
  const user = await createUser(db)
  const email = `prune-${randomUUID()}@example.test`
  const attempt = await LoginAttemptRepository.insert(db, { email, ip: '192.0.2.9', success: false })
  await sql`UPDATE login_attempts SET created_at = now() - interval '1 hour' WHERE id = ${attempt}`.execute(db)
  const idHash = randomUUID()
  await SessionRepository.insert(db, {
    idHash,
    userId: user.id,
    expiresAt: new Date(Date.now() - 1000),
    userAgent: null,
    ip: null,
  })
  const key = randomUUID()
  await IdempotencyKeyRepository.claim(db, { userId: user.id, key, fingerprint: 'f'.repeat(64) })
  await sql`UPDATE idempotency_keys SET created_at = now() - interval '8 days' WHERE key = ${key}`.execute(db)
  const count = async () => ({
    attempts: (await db.selectFrom('login_attempts').select('id').where('email', '=', email).execute()).length,
    sessions: (await db.selectFrom('sessions').select('id_hash').where('id_hash', '=', idHash).execute()).length,
    keys: (await db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).length,
  })
  return { count }
}

describe('pruning stale records', () => {
  it('deletes failed attempts past the 15-minute window, expired sessions and week-old entry keys with the portal limits', async () => {
    const { count } = await staleRows()
    const result = await pruneStaleRecords(db)
    expect(result.loginAttempts).toBeGreaterThanOrEqual(1)
    expect(result.sessions).toBeGreaterThanOrEqual(1)
    expect(result.idempotencyKeys).toBeGreaterThanOrEqual(1)
    expect(await count()).toEqual({ attempts: 0, sessions: 0, keys: 0 })
  })

  it('prunes as soon as it is scheduled, and again at every interval until stopped', async () => {
    const first = await staleRows()
    const stop = schedulePruning(db, { intervalMs: 200 })
    await expect.poll(first.count).toEqual({ attempts: 0, sessions: 0, keys: 0 })
    const second = await staleRows()
    await expect.poll(second.count).toEqual({ attempts: 0, sessions: 0, keys: 0 })
    await stop()
    const third = await staleRows()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await third.count()).toEqual({ attempts: 1, sessions: 1, keys: 1 })
  })

  it('reports a failed run and keeps the schedule going', async () => {
    const broken = createDb('postgres://nobody:wrong@127.0.0.1:1/none')
    const errors: unknown[] = []
    const stop = schedulePruning(broken, { intervalMs: 100, onError: (error) => errors.push(error) })
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    await stop()
    await broken.destroy()
  })
})
