import { afterAll, describe, expect, it } from 'vitest'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { planProgress } from '../../worksheets/progress.server.ts'
import { closeStepDb, db, planWithTeam } from '#tests/factories/step2.ts'
import { edgePoint, layoutTargetMap, NODE_WIDTH, wrapLabel } from '../../worksheets/targetMapLayout.ts'

afterAll(() => closeStepDb())

async function mapPlan(members: Parameters<typeof planWithTeam>[0] = []) {
  const team = await planWithTeam(members)
  await team.lead.item({
    intent: 'item:create',
    kind: 'node',
    label: 'Mills',
    nodeCategory: 'processor',
    isPivot: 'on',
    countUnits: '14',
  })
  await team.lead.item({ intent: 'item:create', kind: 'node', label: 'Large estates', nodeCategory: 'producer' })
  const [mills, estates] = await ItemRepository.findByKind(db, team.plan.id, 'node')
  return { ...team, mills: mills!, estates: estates! }
}

describe('2.3 nodes and relations', () => {
  it('stores nodes with their pivot flag and links to issues of the same plan only', async () => {
    const { lead, mills } = await mapPlan()
    expect(mills).toMatchObject({ ref: 'N1', data: { label: 'Mills', isPivot: true, countUnits: 14 } })
    const other = await planWithTeam()
    await other.lead.item({ intent: 'item:create', kind: 'issue', title: 'Hours' })
    const [foreign] = await ItemRepository.findByKind(db, other.plan.id, 'issue')
    const res = await lead.item({
      intent: 'item:create',
      kind: 'node',
      label: 'Buyers',
      nodeCategory: 'lead_firm',
      issues: foreign!.id,
    })
    expect(res.status).toBe(400)
    expect(res.body.result?.error?.issues).toEqual(['validation.unknownLink'])
  })

  it('refuses a relation from a node to itself and an unknown type or strength', async () => {
    const { plan, lead, mills, estates } = await mapPlan()
    const self = await lead.item({
      intent: 'item:create',
      kind: 'relation',
      from: mills.id,
      to: mills.id,
      relationType: 'supplies',
    })
    expect(self.body.result?.error?.to).toEqual(['validation.sameNode'])
    const bad = await lead.item({
      intent: 'item:create',
      kind: 'relation',
      from: mills.id,
      to: estates.id,
      relationType: 'loves',
      strength: '4',
    })
    expect(Object.keys(bad.body.result?.error ?? {}).sort()).toEqual(['relationType', 'strength'])
    expect(
      (
        await lead.item({
          intent: 'item:create',
          kind: 'relation',
          from: mills.id,
          to: estates.id,
          relationType: 'sources_from',
          strength: '3',
        })
      ).status,
    ).toBe(200)
    expect(await ItemRepository.findByKind(db, plan.id, 'relation')).toHaveLength(1)
    // A node still used by a relation cannot be deleted.
    expect((await lead.item({ intent: 'item:delete', id: mills.id, version: '1' })).status).toBe(400)
  })

  it('is done with two nodes, a relation and a pivot', async () => {
    const team = await planWithTeam()
    const status = async (planId: string) => (await planProgress(db, planId)).find((p) => p.code === '2.3')!
    expect(await status(team.plan.id)).toMatchObject({ status: 'not_started' })
    await team.lead.item({ intent: 'item:create', kind: 'node', label: 'Estates', nodeCategory: 'producer' })
    expect(await status(team.plan.id)).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.fewNodes', 'progress.missing.noRelations', 'progress.missing.noPivot'],
    })
    const { plan, lead, mills, estates } = await mapPlan()
    expect(await status(plan.id)).toMatchObject({ status: 'in_progress', missing: ['progress.missing.noRelations'] })
    await lead.item({
      intent: 'item:create',
      kind: 'relation',
      from: mills.id,
      to: estates.id,
      relationType: 'sources_from',
    })
    expect(await status(plan.id)).toMatchObject({ status: 'done', missing: [] })
  })
})

describe('2.3 node positions', () => {
  it('saves a position with the version check and refuses a stale one with the current value', async () => {
    const { plan, lead, others, mills } = await mapPlan([{ role: 'coauthor' }])
    const first = await lead.extra('2.3', {
      intent: 'node:position',
      formId: 'm',
      id: mills.id,
      version: '1',
      x: '300',
      y: '120',
    })
    expect(first.status).toBe(200)
    const stale = await others[0]!.extra('2.3', {
      intent: 'node:position',
      formId: 'm',
      id: mills.id,
      version: '1',
      x: '900',
      y: '900',
    })
    expect(stale.status).toBe(409)
    // The position is one value: x and y are shown and chosen together.
    expect(stale.body.conflict).toMatchObject({
      version: 2,
      data: { position: { x: 300, y: 120 } },
      fields: ['position'],
    })
    const stored = await ItemRepository.findById(db, plan.id, mills.id)
    expect(stored).toMatchObject({ version: 2, data: { x: 300, y: 120, label: 'Mills', isPivot: true } })
    expect(
      (
        await others[0]!.extra('2.3', {
          intent: 'node:position',
          formId: 'm',
          id: mills.id,
          version: '2',
          x: '310',
          y: '120',
        })
      ).status,
    ).toBe(200)
  })

  it('merges a move with someone’s edit of the label, and shows a move of a moved node as one position to choose', async () => {
    const { plan, lead, others, mills } = await mapPlan([{ role: 'coauthor' }])
    const opened = {
      intent: 'node:position',
      formId: 'node-move',
      id: mills.id,
      version: '1',
      base: JSON.stringify({ position: { x: null, y: null } }),
    }
    // The co-author renames the node; the lead's move, started before, keeps the new label.
    const renamed = await others[0]!.item({
      intent: 'item:update',
      kind: 'node',
      id: mills.id,
      version: '1',
      base: JSON.stringify(mills.data),
      label: 'Palm oil mills',
      nodeCategory: 'processor',
      isPivot: 'on',
      countUnits: '14',
    })
    expect(renamed.status).toBe(200)
    const moved = await lead.extra('2.3', { ...opened, x: '400', y: '200' })
    expect(moved.status).toBe(200)
    expect((await ItemRepository.findById(db, plan.id, mills.id))?.data).toMatchObject({
      label: 'Palm oil mills',
      x: 400,
      y: 200,
    })
    // The co-author, whose form still started from the unplaced node, moves it only sideways: the
    // whole position is refused, never merged into x from one person and y from the other.
    const refused = await others[0]!.extra('2.3', { ...opened, version: '2', x: '900', y: '200' })
    expect(refused.status).toBe(409)
    expect(refused.body.conflict).toMatchObject({
      version: 3,
      fields: ['position'],
      data: { position: { x: 400, y: 200 } },
    })
    expect((await ItemRepository.findById(db, plan.id, mills.id))?.data).toMatchObject({ x: 400, y: 200 })
  })

  it('refuses positions out of range, non-integers, other kinds and viewers', async () => {
    const { plan, lead, others, mills } = await mapPlan([{ role: 'viewer' }, { role: 'contributor' }])
    for (const [x, y] of [
      ['-1', '10'],
      ['10', '4001'],
      ['1.5', '2'],
      ['left', '2'],
    ]) {
      expect(
        (await lead.extra('2.3', { intent: 'node:position', id: mills.id, version: '1', x: x!, y: y! })).status,
      ).toBe(400)
    }
    await lead.item({ intent: 'item:create', kind: 'issue', title: 'Hours' })
    const [issue] = await ItemRepository.findByKind(db, plan.id, 'issue')
    expect(
      (await lead.extra('2.3', { intent: 'node:position', id: issue!.id, version: '1', x: '1', y: '1' })).status,
    ).toBe(404)
    for (const other of others) {
      await expect(
        other.extra('2.3', { intent: 'node:position', id: mills.id, version: '1', x: '5', y: '5' }),
      ).rejects.toMatchObject({ init: { status: 403 } })
    }
    expect((await ItemRepository.findById(db, plan.id, mills.id))?.version).toBe(1)
  })
})

describe('target map layout', () => {
  it('keeps stored positions and places the others in layers along the relations', () => {
    const placed = layoutTargetMap(
      [{ id: 'buyer' }, { id: 'mill' }, { id: 'estate', x: 500, y: 100 }, { id: 'workers' }],
      [
        { from: 'buyer', to: 'mill' },
        { from: 'mill', to: 'workers' },
        { from: 'workers', to: 'buyer' }, // a cycle must not hang the layout
      ],
    )
    expect(placed.get('estate')).toEqual({ id: 'estate', x: 500, y: 100 })
    const ys = ['buyer', 'mill', 'workers'].map((id) => placed.get(id)!.y)
    expect(new Set(ys).size).toBe(3)
    expect(Math.min(...ys)).toBeGreaterThan(100)
  })

  it('ends arrows on the box edge and wraps long labels', () => {
    expect(edgePoint({ x: 0, y: 0 }, { x: 1000, y: 0 })).toEqual({ x: NODE_WIDTH / 2, y: 0 })
    expect(wrapLabel('Casual harvesters and maintenance workers on large estates', 20, 2)).toEqual([
      'Casual harvesters',
      'and maintenance…',
    ])
  })
})
