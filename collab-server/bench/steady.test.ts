// The benchmark's steady typing over several instances (--instances=N): every keystroke is counted
// once per receiver, and each (sender, receiver) pair is classed by the instances of the two
// clients. Real servers on one database and real typing processes; nothing here depends on timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docName } from '#core/collab/contract.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { startServer, token } from '../test-utils.ts'
import { type Target } from './scenarios.ts'
import { steadyTypingSpread } from './steady.ts'

type Instance = Awaited<ReturnType<typeof startServer>>
let one: Instance
let two: Instance

beforeAll(async () => {
  ;[one, two] = await Promise.all([startServer(), startServer()])
})
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()])
})

/** Two documents of a new plan, and a target whose tokens are all the plan lead's. */
async function twoDocuments(): Promise<{ target: Target; docs: string[] }> {
  const lead = await createUser(one.db)
  const plan = await createPlan(one.db, lead.id)
  const docs = (['1.1', '2.1'] as const).map((substep) => docName({ planId: plan.id, substep }))
  return { target: { name: 'ours', url: one.url, token: (_user, doc) => token(lead.id, doc, 'rw') }, docs }
}

describe('steady typing spread over instances', () => {
  it('delivers every keystroke to every other client and classes the pairs by instance', async () => {
    const { target, docs } = await twoDocuments()
    // Typed fast, so that a row one instance stores holds several keystrokes of a client when the
    // other reads it back (group commit): each of them must still count as received. Twice on the
    // same documents, as the benchmark does: the second phase must wait for its own keystrokes,
    // not stop at a length the text had before it started.
    const options = { clientsPerDoc: 3, perSecond: 100, seconds: 1, processes: 2, urls: [one.url, two.url] }
    await steadyTypingSpread(target, docs, options)
    const r = await steadyTypingSpread(target, docs, options)
    expect(r.updates).toBeGreaterThan(0)
    // Clients 0 and 2 of each document are on the first instance, client 1 on the second: a
    // keystroke of client 0 or 2 has one receiver on each side, one of client 1 two on the other.
    const cross = r.crossInstance!
    const same = r.sameInstance!
    expect(cross.expected + same.expected).toBe(r.updates * 2)
    expect(same.expected).toBeGreaterThan(0)
    expect(cross.expected).toBeGreaterThan(same.expected)
    expect([r.delivered, cross.delivered, same.delivered]).toEqual([1, 1, 1])
    expect(cross.pairs + same.pairs).toBe(r.pairs)
  })

  it('reports no instance breakdown with a single instance', async () => {
    const { target, docs } = await twoDocuments()
    const r = await steadyTypingSpread(target, docs.slice(0, 1), {
      clientsPerDoc: 2,
      perSecond: 5,
      seconds: 1,
      processes: 1,
    })
    expect(r.delivered).toBe(1)
    expect(r.crossInstance).toBeUndefined()
  })
})
