import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, docName } from '#core/collab/contract.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { TokenBucket, UserQuota } from './limits.ts'
import { connect, rawSocket, startServer, token, waitFor } from './test-utils.ts'

let env: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  env = await startServer({
    limits: { rateBurst: 20, ratePerSecond: 10, maxConnectionsPerUser: 3, maxDocumentsPerUser: 2 },
  })
})
afterAll(async () => {
  await env.stop()
})

describe('limits', () => {
  it('token bucket allows a burst then refills over time', () => {
    let now = 0
    const bucket = new TokenBucket(3, 2, () => now)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
    now = 500
    expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
  })

  it('caps connections and distinct documents per user', () => {
    const quota = new UserQuota(3, 2)
    expect(quota.tryAcquire('u', 'a')).toBe(true)
    expect(quota.tryAcquire('u', 'b')).toBe(true)
    expect(quota.tryAcquire('u', 'c')).toBe(false)
    expect(quota.tryAcquire('u', 'a')).toBe(true)
    expect(quota.tryAcquire('u', 'a')).toBe(false)
    quota.release('u', 'b')
    expect(quota.tryAcquire('u', 'c')).toBe(true)
  })

  it('closes a connection that floods messages', async () => {
    const lead = await createUser(env.db)
    const plan = await createPlan(env.db, lead.id)
    const name = docName({ planId: plan.id, substep: '1.3' })
    const ws = await rawSocket(env.url, name, token(lead.id, name, 'rw'))
    for (let i = 0; i < 50; i++) ws.send(new Uint8Array([3]))
    expect(await ws.closedWith).toBe(CLOSE_CODES.rateLimited)
  })

  it.each([
    ['above the limit', 1.5],
    ['above ws’s own hard cap', 3],
  ])(
    'closes a stock client whose edit is %s with messageTooLarge, so that it does not resend it forever',
    async (_label, mebibytes) => {
      const lead = await createUser(env.db)
      const plan = await createPlan(env.db, lead.id)
      const name = docName({ planId: plan.id, substep: '2.1' })
      const client = connect(env.url, name, token(lead.id, name, 'rw'))
      await client.synced()
      const stopped = new Promise<number>((resolve) => client.provider.once('closed', ({ code }) => resolve(code)))
      client.text.insert(0, 'x'.repeat(Math.round(mebibytes * 1024 * 1024)))
      expect(await stopped).toBe(CLOSE_CODES.messageTooLarge)
      // The stock provider gives up on 44xx codes: no new socket is opened.
      await new Promise((r) => setTimeout(r, 300))
      expect(client.closeCodes).toEqual([CLOSE_CODES.messageTooLarge])
      expect(client.provider.wsconnected || client.provider.wsconnecting).toBe(false)
      client.destroy()
    },
  )

  it('refuses connections beyond the per-user caps', async () => {
    const lead = await createUser(env.db)
    const plan = await createPlan(env.db, lead.id)
    const [a, b, c] = (['1.1', '1.2', '1.3'] as const).map((substep) => docName({ planId: plan.id, substep }))
    const first = await rawSocket(env.url, a!, token(lead.id, a!, 'rw'))
    await rawSocket(env.url, b!, token(lead.id, b!, 'rw'))
    const third = await rawSocket(env.url, c!, token(lead.id, c!, 'rw'))
    expect(await third.closedWith).toBe(CLOSE_CODES.tooManyConnections)
    first.close()
    await first.closedWith
    await waitFor(async () => {
      const again = await rawSocket(env.url, c!, token(lead.id, c!, 'rw'))
      const code = await Promise.race([again.closedWith, new Promise<number>((r) => setTimeout(() => r(0), 200))])
      again.close()
      return code === 0
    })
  })
})
