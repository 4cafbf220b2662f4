import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, docName } from '#app/collab/contract.ts'
import { addMember, createPlan, createUser } from '#db/factories/index.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import { connect, rawSocket, startServer, token, waitFor, type TestClient } from './test-utils.ts'

// Documents are plan content: read-only to everyone outside draft (ADR 009), and a status change
// reaches connections already open through the revocation channel (ADR 013).

let env: Awaited<ReturnType<typeof startServer>>
const clients: TestClient[] = []
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args)
  clients.push(c)
  return c
}

beforeAll(async () => {
  env = await startServer()
})
afterAll(async () => {
  clients.forEach((c) => c.destroy())
  await env.stop()
})

async function team() {
  const lead = await createUser(env.db)
  const plan = await createPlan(env.db, lead.id)
  const coauthor = await createUser(env.db, { constituency: 'workers' })
  const viewer = await createUser(env.db, { constituency: 'employers' })
  await addMember(env.db, plan.id, coauthor.id, 'coauthor', lead.id)
  await addMember(env.db, plan.id, viewer.id, 'viewer', lead.id)
  return { lead, plan, coauthor, viewer, name: docName({ planId: plan.id, substep: '1.1' }) }
}

const submit = (planId: string, actorId: string) => LifecycleRepository.transition(env.db, { planId, from: 'draft', to: 'in_review', name: 'submit', actorId, note: null })

describe('documents of a plan in review', () => {
  it('are served read-only to everyone, the lead included', async () => {
    const { lead, plan, name } = await team()
    await submit(plan.id, lead.id)
    const refused = await rawSocket(env.url, name, token(lead.id, name, 'rw'))
    expect(await refused.closedWith).toBe(CLOSE_CODES.forbidden)
    const reader = open(env.url, name, token(lead.id, name, 'ro'))
    await reader.synced()
    reader.text.insert(0, 'edited in review')
    const check = open(env.url, name, token(lead.id, name, 'ro'))
    await check.synced()
    await new Promise((r) => setTimeout(r, 200))
    expect(check.text.toString()).not.toContain('edited in review')
  })

  it('downgrade the read-write connections open when the plan is submitted, and keep the read-only ones', async () => {
    const { lead, coauthor, viewer, plan, name } = await team()
    const rw = open(env.url, name, token(coauthor.id, name, 'rw'), { reconnect: false })
    const ro = open(env.url, name, token(viewer.id, name, 'ro'), { reconnect: false })
    await Promise.all([rw.synced(), ro.synced()])
    const closed = rw.closed()
    await submit(plan.id, lead.id)
    expect(await closed).toBe(CLOSE_CODES.permissionChanged)
    expect(ro.provider.wsconnected).toBe(true)
    // The portal then fetches a read-only token and reconnects (the token route grants only 'ro' now).
    const again = open(env.url, name, token(coauthor.id, name, 'ro'))
    await again.synced()
    await waitFor(() => again.provider.wsconnected)
    // Back in draft, read-write connections are accepted again.
    await LifecycleRepository.transition(env.db, { planId: plan.id, from: 'in_review', to: 'draft', name: 'withdraw', actorId: lead.id, note: null })
    const writer = open(env.url, name, token(coauthor.id, name, 'rw'))
    await writer.synced()
    writer.text.insert(0, 'after withdrawal')
    await waitFor(() => again.text.toString().includes('after withdrawal'))
  })
})
