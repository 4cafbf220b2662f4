import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '#db/client.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { handleItemAction, loadWorksheet } from '../../worksheets/items.server.ts'
import { MEMBER_OPTIONS } from '../../worksheets/spec.ts'
import { planProgress } from '../../worksheets/progress.server.ts'
import { handleInterventionPriorities } from '../5.2-intervention-priorities/intervention-priorities.server.ts'
import { loadChart } from './implementation-chart.server.ts'
import { loadPlanMap } from '../6.1-plan-map/plan-map.server.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

type Values = Record<string, string | string[] | undefined>
function form(values: Values) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(values)) for (const item of [v ?? []].flat()) fd.append(k, item)
  return fd
}
function unwrap(value: unknown): { status: number; error: Record<string, string[] | null> | null | undefined } {
  if (value && typeof value === 'object' && 'init' in value && 'data' in value) {
    const v = value as {
      data: { result: { error?: Record<string, string[] | null> | null } | null }
      init: { status?: number } | null
    }
    return { status: v.init?.status ?? 200, error: v.data.result?.error }
  }
  return { status: 200, error: undefined }
}

async function setup() {
  const lead = await createUser(db)
  const plan = await createPlan(db, lead.id, { startDate: '2026-01-01', endDate: '2027-12-31' })
  const ctx = { db, planId: plan.id, actor: { id: lead.id, globalRole: 'member' as const }, role: 'lead' as const }
  const item = (values: Values) => handleItemAction({ ...ctx, formData: form(values) })
  const last = async (kind: string) => (await ItemRepository.findByKind(db, plan.id, kind)).at(-1)!
  const intervention = async (decision?: string) => {
    await item({
      intent: 'item:create',
      kind: 'intervention',
      title: 'Inspections',
      interventionType: 'targeted_inspection',
    })
    const v = await last('intervention')
    if (decision)
      await handleInterventionPriorities({
        ...ctx,
        formData: form({ intent: 'selection:save', intervention: v.id, decision, rationale: 'Because' }),
      })
    return v
  }
  const source = async () => {
    await item({
      intent: 'item:create',
      kind: 'data_source',
      name: 'Inspection records',
      sourceType: 'inspection_records',
      quality: 'medium',
    })
    return last('data_source')
  }
  return { plan, ctx, item, last, intervention, source }
}

const activity = (intervention: string, extra: Values = {}) => ({
  intent: 'item:create',
  kind: 'activity',
  intervention,
  activity: 'Inspect 22 estates',
  startDate: '2026-04-01',
  endDate: '2026-09-30',
  status: 'planned',
  ...extra,
})
const indicator = (extra: Values = {}) => ({
  intent: 'item:create',
  kind: 'indicator',
  name: 'Estates compliant',
  indicatorType: 'compliance',
  unit: 'percent',
  baselineValue: '22',
  baselineDate: '2025-12-31',
  targetValue: '55',
  targetDate: '2027-12-31',
  ...extra,
})

describe('6.2 activities', () => {
  it('accepts an activity of a selected intervention and refuses one of an intervention not selected', async () => {
    const { item, intervention, plan } = await setup()
    const selected = await intervention('selected')
    const deferred = await intervention('deferred')
    const undecided = await intervention()
    expect(unwrap(await item(activity(selected.id))).status).toBe(200)
    for (const v of [deferred, undecided]) {
      const res = unwrap(await item(activity(v.id)))
      expect(res.status).toBe(400)
      expect(res.error?.intervention).toEqual(['validation.notSelected'])
    }
    expect(await ItemRepository.findByKind(db, plan.id, 'activity')).toHaveLength(1)
  })

  it('refuses an end date before the start date', async () => {
    const { item, intervention } = await setup()
    const v = await intervention('selected')
    const res = unwrap(await item(activity(v.id, { startDate: '2026-09-30', endDate: '2026-04-01' })))
    expect(res.status).toBe(400)
    expect(res.error?.endDate).toEqual(['validation.endBeforeStart'])
    expect(unwrap(await item(activity(v.id, { status: 'someday' }))).status).toBe(400)
  })

  it('gives the chart the plan horizon, the selected interventions and every decision (for the warnings)', async () => {
    const { ctx, intervention } = await setup()
    const v = await intervention('selected')
    const dropped = await intervention('not_selected')
    expect(await loadChart(ctx)).toEqual({
      horizon: { start: '2026-01-01', end: '2027-12-31' },
      selected: [v.id],
      decisions: { [v.id]: 'selected', [dropped.id]: 'not_selected' },
    })
  })
})

describe('6.2 indicators', () => {
  it('refuses a target date on or before the baseline date', async () => {
    const { item } = await setup()
    const res = unwrap(await item(indicator({ targetDate: '2025-06-30' })))
    expect(res.status).toBe(400)
    expect(res.error?.targetDate).toEqual(['validation.targetBeforeBaseline'])
    expect(unwrap(await item(indicator({ unit: 'bananas' }))).status).toBe(400)
    expect(unwrap(await item(indicator({ disaggregation: ['sex', 'shoe_size'] }))).status).toBe(400)
  })

  it('links to a data source of the same plan and refuses one of another plan', async () => {
    const mine = await setup()
    const other = await setup()
    const own = await mine.source()
    const foreign = await other.source()
    expect(unwrap(await mine.item(indicator({ dataSource: own.id, disaggregation: ['sex', 'task'] }))).status).toBe(200)
    const res = unwrap(await mine.item(indicator({ dataSource: foreign.id })))
    expect(res.status).toBe(400)
    expect(res.error?.dataSource).toEqual(['validation.unknownLink'])
    const stored = await mine.last('indicator')
    expect(stored.data).toMatchObject({
      dataSource: own.id,
      disaggregation: ['sex', 'task'],
      baselineValue: 22,
      targetValue: 55,
    })
  })
})

describe('6.2 responsible person', () => {
  it('names a member of the team, refuses anyone else, and offers the team by name in the form', async () => {
    const mine = await setup()
    const member = await createUser(db, { name: 'Rui Reporter' })
    await addMember(db, mine.plan.id, member.id, 'contributor', mine.ctx.actor.id)
    const outsider = await createUser(db)
    expect(unwrap(await mine.item(indicator({ responsiblePerson: member.id }))).status).toBe(200)
    expect((await mine.last('indicator')).data).toMatchObject({ responsiblePerson: member.id })
    for (const id of [outsider.id, 'someone']) {
      const res = unwrap(await mine.item(indicator({ responsiblePerson: id })))
      expect(res.status).toBe(400)
      expect(res.error?.responsiblePerson).toEqual(['validation.notMember'])
    }
    const { options } = await loadWorksheet(db, mine.plan.id, '6.2')
    expect(options[MEMBER_OPTIONS]!.map((o) => o.id)).toContain(member.id)
    expect(options[MEMBER_OPTIONS]!.find((o) => o.id === member.id)!.label).toMatch(/^Rui Reporter/)
  })
})

describe('step 6 progress', () => {
  it('marks 6.2 done once every selected intervention has an activity and an outcome indicator has both ends', async () => {
    const { plan, item, intervention } = await setup()
    const status = async (code: string) => (await planProgress(db, plan.id)).find((p) => p.code === code)!
    const v1 = await intervention('selected')
    const v2 = await intervention('selected')
    expect(await status('6.2')).toMatchObject({ status: 'not_started' })
    await item(activity(v1.id))
    await item(indicator({ indicatorType: 'output' }))
    expect(await status('6.2')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.selectedWithoutActivity', 'progress.missing.noOutcomeIndicator'],
    })
    await item(activity(v2.id))
    await item(indicator({ targetValue: undefined }))
    expect((await status('6.2')).missing).toEqual(['progress.missing.noOutcomeIndicator'])
    await item(indicator())
    expect(await status('6.2')).toMatchObject({ status: 'done', missing: [] })
  })

  it('marks 6.1 done when the map has nodes and a selected intervention is attached to one', async () => {
    const { plan, ctx, item, intervention, last } = await setup()
    const status = async () => (await planProgress(db, plan.id)).find((p) => p.code === '6.1')!
    expect(await status()).toMatchObject({ status: 'not_started' })
    await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'node',
      refPrefix: 'N',
      data: { label: 'Estates', nodeCategory: 'producer' },
      actorId: ctx.actor.id,
    })
    const node = await last('node')
    const deferred = await intervention('deferred')
    await item({ intent: 'item:create', kind: 'intervention_link', intervention: deferred.id, nodes: [node.id] })
    expect(await status()).toMatchObject({ status: 'in_progress', missing: ['progress.missing.noInterventionOnMap'] })
    const v = await intervention('selected')
    await item({ intent: 'item:create', kind: 'intervention_link', intervention: v.id, nodes: [node.id] })
    expect(await status()).toMatchObject({ status: 'done' })
    const map = await loadPlanMap(ctx)
    expect(map.selected).toEqual([v.id])
    expect(map.items.map((i) => i.kind).sort()).toEqual([
      'intervention',
      'intervention',
      'intervention_link',
      'intervention_link',
      'node',
    ])
  })
})
