import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '#db/client.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type PlanRole } from '#core/permissions.ts'
import { handleItemAction } from '../../worksheets/items.server.ts'
import { planProgress } from '../../worksheets/progress.server.ts'
import { handleCauseAction, loadCauseContext } from './cause-tree.server.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

function form(values: Record<string, string | string[]>) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) fd.append(k, item)
  return fd
}

function unwrap(value: unknown): {
  status: number
  body: { result: { error?: Record<string, string[] | null> | null } | null }
} {
  if (value && typeof value === 'object' && 'init' in value && 'data' in value) {
    const v = value as { data: never; init: { status?: number } | null }
    return { status: v.init?.status ?? 200, body: v.data }
  }
  return { status: 200, body: value as never }
}

async function setup(role: PlanRole = 'lead') {
  const lead = await createUser(db)
  const plan = await createPlan(db, lead.id)
  let user = lead
  if (role !== 'lead') {
    user = await createUser(db)
    await addMember(db, plan.id, user.id, role, lead.id)
  }
  const ctx = { db, planId: plan.id, actor: { id: user.id, globalRole: 'member' as const }, role }
  const act = async (values: Record<string, string | string[]>) =>
    unwrap(await handleItemAction({ ...ctx, formData: form(values) }))
  const move = async (id: string, direction: 'up' | 'down') =>
    unwrap(await handleCauseAction({ ...ctx, formData: form({ intent: 'cause:move', id, direction }) }))
  const insert = (kind: string, refPrefix: string, data: Record<string, unknown>) =>
    ItemRepository.insert(db, { planId: plan.id, kind, refPrefix, data, actorId: lead.id })
  const cause = (statement: string, parent?: string) =>
    insert('cause', 'C', {
      statement,
      level: parent ? 'root' : 'direct',
      category: 'economic',
      ...(parent ? { parent } : {}),
    })
  return { plan, lead, user, ctx, act, move, insert, cause }
}

const update = (
  c: { id: string; version: number; data: Record<string, unknown> },
  changes: Record<string, string>,
) => ({
  intent: 'item:update',
  kind: 'cause',
  id: c.id,
  version: String(c.version),
  statement: String(c.data.statement),
  level: String(c.data.level),
  ...changes,
})

const order = async (planId: string) =>
  (await ItemRepository.findByKind(db, planId, 'cause')).map((c) => c.data.statement)

describe('3.1 cause tree', () => {
  it('re-parents a cause and refuses to make a cause its own ancestor, directly or indirectly', async () => {
    const { plan, act, cause } = await setup()
    const a = await cause('A')
    const b = await cause('B', a.id)
    const c = await cause('C', b.id)
    const other = await cause('Other')
    expect((await act(update(c, { parent: other.id }))).status).toBe(200)
    expect((await act(update({ ...c, version: 2 }, { parent: b.id }))).status).toBe(200)
    for (const parent of [a.id, b.id, c.id]) {
      const res = await act(update(a, { parent }))
      expect(res.status).toBe(400)
      expect(res.body.result?.error?.parent).toEqual(['validation.causeCycle'])
    }
    const selfLoop = await act(update(b, { parent: b.id }))
    expect(selfLoop.body.result?.error?.parent).toEqual(['validation.causeCycle'])
    const stored = await ItemRepository.findById(db, plan.id, a.id)
    expect(stored!.data.parent).toBeUndefined()
    expect(stored!.version).toBe(1)
    // Moving a whole branch under an unrelated cause is fine.
    expect((await act(update(a, { parent: other.id }))).status).toBe(200)
  })

  it('refuses to delete a cause that still has sub-causes or is linked from an influence', async () => {
    const { plan, act, cause, insert } = await setup()
    const a = await cause('A')
    const b = await cause('B', a.id)
    const res = await act({ intent: 'item:delete', id: a.id, version: '1' })
    expect(res.status).toBe(400)
    expect(res.body.result?.error?.['']).toEqual([`validation.stillReferenced|${b.ref}`])
    await insert('influence', 'F', {
      description: 'Piece rates',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: [],
      causes: [b.id],
    })
    expect((await act({ intent: 'item:delete', id: b.id, version: '1' })).status).toBe(400)
    expect(await order(plan.id)).toEqual(['A', 'B'])
  })

  it('moves a cause among its siblings only', async () => {
    const { plan, move, cause } = await setup()
    const a = await cause('A')
    await cause('A.1', a.id)
    const b = await cause('B')
    const c = await cause('C')
    expect((await move(c.id, 'up')).status).toBe(200)
    const top = (await ItemRepository.findByKind(db, plan.id, 'cause'))
      .filter((x) => !x.data.parent)
      .map((x) => x.data.statement)
    expect(top).toEqual(['A', 'C', 'B'])
    await move(a.id, 'up') // already first: no change
    await move(b.id, 'down') // already last: no change
    expect(
      (await ItemRepository.findByKind(db, plan.id, 'cause'))
        .filter((x) => !x.data.parent)
        .map((x) => x.data.statement),
    ).toEqual(['A', 'C', 'B'])
    expect((await move(a.id, 'down')).status).toBe(200)
    expect(
      (await ItemRepository.findByKind(db, plan.id, 'cause'))
        .filter((x) => !x.data.parent)
        .map((x) => x.data.statement),
    ).toEqual(['C', 'A', 'B'])
  })

  it('answers 404 for an unknown cause, 400 for a malformed move and 403 for a contributor', async () => {
    const { move, ctx, insert } = await setup()
    const effect = await insert('effect', 'E', { statement: 'No social security' })
    expect((await move(effect.id, 'up')).status).toBe(404)
    expect((await move('00000000-0000-4000-8000-000000000000', 'up')).status).toBe(404)
    expect(
      unwrap(
        await handleCauseAction({ ...ctx, formData: form({ intent: 'cause:move', id: 'x', direction: 'sideways' }) }),
      ).status,
    ).toBe(400)
    const contributor = await setup('contributor')
    const a = await contributor.cause('A')
    await expect(contributor.move(a.id, 'up')).rejects.toMatchObject({ init: { status: 403 } })
  })

  it('shows the priority selected in 2.2, or none', async () => {
    const { ctx, insert } = await setup()
    expect(await loadCauseContext(ctx)).toEqual({ priority: null })
    const issue = await insert('issue', 'I', { title: 'Disguised casual employment' })
    const target = await insert('target', 'T', { name: 'Large estates', targetType: 'enterprise_tier' })
    const pair = await insert('pair', 'P', { issue: issue.id, target: target.id })
    await insert('priority_decision', 'DEC', { pairs: [pair.id], rationale: 'Highest score' })
    expect(await loadCauseContext(ctx)).toEqual({
      priority: {
        pairs: [{ id: pair.id, ref: 'P1', issue: 'Disguised casual employment', target: 'Large estates' }],
        rationale: 'Highest score',
      },
    })
  })

  it('is done with a categorised root cause and an effect', async () => {
    const { plan, cause, insert } = await setup()
    const status = async () => (await planProgress(db, plan.id)).find((p) => p.code === '3.1')!
    expect(await status()).toMatchObject({ status: 'not_started' })
    const a = await cause('A')
    expect(await status()).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.noRootCause', 'progress.missing.noEffect'],
    })
    await cause('A.1', a.id)
    await insert('cause', 'C', { statement: 'Uncategorised', level: 'direct' })
    await insert('effect', 'E', { statement: 'Debt' })
    expect(await status()).toMatchObject({ status: 'in_progress', missing: ['progress.missing.causesUncategorised'] })
  })
})

describe('3.2 influences', () => {
  it('refuses links to another plan’s node or cause and accepts this plan’s', async () => {
    const mine = await setup()
    const theirs = await setup()
    const foreignNode = await theirs.insert('node', 'N', { label: 'Mills', nodeCategory: 'processor' })
    const node = await mine.insert('node', 'N', { label: 'Estates', nodeCategory: 'producer' })
    const cause = await mine.cause('Low fines')
    const influence = {
      intent: 'item:create',
      kind: 'influence',
      description: 'Low inspection probability',
      polarity: 'constraint',
      directness: 'indirect',
      strength: '2',
    }
    const refused = await mine.act({ ...influence, nodes: [node.id, foreignNode.id] })
    expect(refused.status).toBe(400)
    expect(refused.body.result?.error?.nodes).toEqual(['validation.unknownLink'])
    const causeRefused = await mine.act({ ...influence, nodes: [node.id], causes: [foreignNode.id] })
    expect(causeRefused.body.result?.error?.causes).toEqual(['validation.unknownLink'])
    expect((await mine.act({ ...influence, strength: '4', nodes: [node.id] })).status).toBe(400)
    expect((await mine.act({ ...influence, nodes: [node.id], causes: [cause.id] })).status).toBe(200)
    const [saved] = await ItemRepository.findByKind(db, mine.plan.id, 'influence')
    expect(saved!.data).toEqual({
      description: 'Low inspection probability',
      polarity: 'constraint',
      directness: 'indirect',
      strength: 2,
      nodes: [node.id],
      causes: [cause.id],
    })
  })

  it('is done with a driver and a constraint, each acting on a node', async () => {
    const { plan, insert } = await setup()
    const status = async () => (await planProgress(db, plan.id)).find((p) => p.code === '3.2')!
    expect(await status()).toMatchObject({ status: 'not_started' })
    const node = await insert('node', 'N', { label: 'Estates', nodeCategory: 'producer' })
    await insert('influence', 'F', {
      description: 'Collective agreements',
      polarity: 'driver',
      directness: 'direct',
      strength: 3,
      nodes: [node.id],
      causes: [],
    })
    expect(await status()).toMatchObject({ status: 'in_progress', missing: ['progress.missing.noConstraint'] })
    await insert('influence', 'F', {
      description: 'Piece rates',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: [],
      causes: [],
    })
    expect(await status()).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.noConstraint', 'progress.missing.influenceWithoutNode'],
    })
    await insert('influence', 'F', {
      description: 'Contractors',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: [node.id],
      causes: [],
    })
    expect(await status()).toMatchObject({ status: 'in_progress', missing: ['progress.missing.influenceWithoutNode'] })
  })
})
