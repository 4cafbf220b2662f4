import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, docName } from '#core/collab/contract.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import { clientPool, rawSocket, startServer, token, waitFor } from './test-utils.ts'

// Documents are plan content: read-only to everyone outside draft (ADR 009), and a status change
// reaches connections already open through the revocation channel (ADR 013).

let env: Awaited<ReturnType<typeof startServer>>
// Every client a test opens is destroyed after the file's tests.
const { open, destroyAll } = clientPool()

beforeAll(async () => {
  env = await startServer()
})
afterAll(async () => {
  destroyAll()
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

const submit = (planId: string, actorId: string) =>
  LifecycleRepository.transition(env.db, {
    planId,
    from: 'draft',
    to: 'in_review',
    name: 'submit',
    actorId,
    note: null,
  })
const withdraw = (planId: string, actorId: string) =>
  LifecycleRepository.transition(env.db, {
    planId,
    from: 'in_review',
    to: 'draft',
    name: 'withdraw',
    actorId,
    note: null,
  })

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
    // Back in draft, the co-author's read-only connection is ended so that it comes back read-write.
    const upgraded = again.closed()
    await withdraw(plan.id, lead.id)
    expect(await upgraded).toBe(CLOSE_CODES.modeUpgraded)
    const writer = open(env.url, name, token(coauthor.id, name, 'rw'))
    await writer.synced()
    writer.text.insert(0, 'after withdrawal')
    await waitFor(() => ro.text.toString().includes('after withdrawal'))
  })
})

// Access follows the status at once in both directions: a read-only connection of someone who may
// edit a draft is closed with modeUpgraded when the plan returns to draft (the editor reconnects
// read-write), instead of staying read-only until its token is refreshed (ADR 009).
describe('documents of a plan back in draft', () => {
  it('end the read-only connections of those who may now edit, with modeUpgraded, and keep the viewers’', async () => {
    const { lead, coauthor, viewer, plan, name } = await team()
    await submit(plan.id, lead.id)
    const author = open(env.url, name, token(coauthor.id, name, 'ro'), { reconnect: false })
    const reader = open(env.url, name, token(viewer.id, name, 'ro'), { reconnect: false })
    await Promise.all([author.synced(), reader.synced()])
    const upgraded = author.closed()
    await withdraw(plan.id, lead.id)
    expect(await upgraded).toBe(CLOSE_CODES.modeUpgraded)
    // The co-author reconnects read-write and writes; the viewer's connection, never closed, sees it.
    const writer = open(env.url, name, token(coauthor.id, name, 'rw'))
    await writer.synced()
    writer.text.insert(0, 'back in draft')
    await waitFor(() => reader.text.toString().includes('back in draft'))
    expect(reader.closeCodes).toEqual([])
    expect(reader.provider.wsconnected).toBe(true)
  })

  it('end a viewer’s read-only connection with modeUpgraded when they are made co-author', async () => {
    const { lead, viewer, name, plan } = await team()
    const reader = open(env.url, name, token(viewer.id, name, 'ro'), { reconnect: false })
    await reader.synced()
    const upgraded = reader.closed()
    await MemberRepository.upsert(env.db, {
      planId: plan.id,
      userId: viewer.id,
      role: 'coauthor',
      actorId: lead.id,
      existing: true,
    })
    expect(await upgraded).toBe(CLOSE_CODES.modeUpgraded)
  })

  it('keep read-only connections read-only while the plan stays locked (in review, then approved)', async () => {
    const { lead, coauthor, plan, name } = await team()
    await submit(plan.id, lead.id)
    const author = open(env.url, name, token(coauthor.id, name, 'ro'), { reconnect: false })
    await author.synced()
    await LifecycleRepository.transition(env.db, {
      planId: plan.id,
      from: 'in_review',
      to: 'approved',
      name: 'approve',
      actorId: lead.id,
      note: null,
      overrideReason: 'Test approval',
    })
    // A status change re-checks every connection of the plan; this one keeps its mode, so it stays.
    // The lead's read-write attempt is refused, which shows the approval is committed and seen.
    const refused = await rawSocket(env.url, name, token(lead.id, name, 'rw'))
    expect(await refused.closedWith).toBe(CLOSE_CODES.forbidden)
    const reader = open(env.url, name, token(lead.id, name, 'ro'))
    await reader.synced()
    expect(author.closeCodes).toEqual([])
    expect(author.provider.wsconnected).toBe(true)
  })
})
