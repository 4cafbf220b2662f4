import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '../client.ts'
import { createUser } from '#tests/factories/index.ts'
import * as IdempotencyKeyRepository from './idempotency-keys.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())
const FINGERPRINT = 'a'.repeat(64)

describe('idempotency keys', () => {
  it('are claimed once per user; the answer stored with the claim is what a later request finds', async () => {
    const user = await createUser(db)
    const other = await createUser(db)
    const key = randomUUID()
    await db.transaction().execute(async (trx) => {
      expect(await IdempotencyKeyRepository.claim(trx, { userId: user.id, key, fingerprint: FINGERPRINT })).toBe(true)
      await IdempotencyKeyRepository.storeAnswer(trx, {
        userId: user.id,
        key,
        answer: { status: 200, body: { ok: true } },
      })
    })
    expect(await IdempotencyKeyRepository.claim(db, { userId: user.id, key, fingerprint: FINGERPRINT })).toBe(false)
    expect(await IdempotencyKeyRepository.find(db, { userId: user.id, key })).toEqual({
      fingerprint: FINGERPRINT,
      answer: { status: 200, body: { ok: true } },
    })
    // The same key is free for anyone else.
    expect(await IdempotencyKeyRepository.find(db, { userId: other.id, key })).toBeUndefined()
    expect(await IdempotencyKeyRepository.claim(db, { userId: other.id, key, fingerprint: FINGERPRINT })).toBe(true)
  })

  it('go with a rolled-back transaction, so a failed save leaves its key free', async () => {
    const user = await createUser(db)
    const key = randomUUID()
    await expect(
      db.transaction().execute(async (trx) => {
        await IdempotencyKeyRepository.claim(trx, { userId: user.id, key, fingerprint: FINGERPRINT })
        throw new Error('the create failed')
      }),
    ).rejects.toThrow('the create failed')
    expect(await IdempotencyKeyRepository.find(db, { userId: user.id, key })).toBeUndefined()
  })

  it('make a second claim wait for the first transaction, then see its outcome', async () => {
    const user = await createUser(db)
    const key = randomUUID()
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let claimed!: () => void
    const firstClaimed = new Promise<void>((resolve) => (claimed = resolve))
    const first = db.transaction().execute(async (trx) => {
      await IdempotencyKeyRepository.claim(trx, { userId: user.id, key, fingerprint: FINGERPRINT })
      claimed()
      await held
      await IdempotencyKeyRepository.storeAnswer(trx, { userId: user.id, key, answer: { status: 200, body: 'first' } })
    })
    await firstClaimed
    const second = IdempotencyKeyRepository.claim(db, { userId: user.id, key, fingerprint: FINGERPRINT })
    // The second claim is blocked on the first one's uncommitted row before the first goes on.
    const waiting = async () =>
      Number(
        (
          await sql<{ n: number }>`SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into "idempotency_keys"%'`.execute(
            db,
          )
        ).rows[0]!.n,
      )
    await expect.poll(waiting).toBe(1)
    release()
    await first
    expect(await second).toBe(false)
    expect((await IdempotencyKeyRepository.find(db, { userId: user.id, key }))?.answer).toEqual({
      status: 200,
      body: 'first',
    })
  })

  it('older than the retention are deleted, newer ones kept', async () => {
    const user = await createUser(db)
    const [old, recent] = [randomUUID(), randomUUID()]
    for (const key of [old, recent])
      await IdempotencyKeyRepository.claim(db, { userId: user.id, key, fingerprint: FINGERPRINT })
    await sql`UPDATE idempotency_keys SET created_at = now() - interval '8 days' WHERE key = ${old}`.execute(db)
    expect(await IdempotencyKeyRepository.deleteOlderThan(db, 7 * 24)).toBeGreaterThanOrEqual(1)
    expect(await IdempotencyKeyRepository.find(db, { userId: user.id, key: old })).toBeUndefined()
    expect(await IdempotencyKeyRepository.find(db, { userId: user.id, key: recent })).toBeDefined()
  })
})
