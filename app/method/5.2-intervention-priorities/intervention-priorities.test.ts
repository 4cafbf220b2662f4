import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '#db/client.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { INTERVENTIONS, PALM_SCORERS, rawScores } from '../5.1-interventions/demo.ts'
import { type Constituency } from '#db/types.ts'
import { type PlanRole } from '#core/permissions.ts'
import { handleItemAction } from '../../worksheets/items.server.ts'
import { planProgress } from '../../worksheets/progress.server.ts'
import { withScoreBase } from '#tests/factories/step2.ts'
import { handleInterventionPriorities, loadInterventionPriorities } from './intervention-priorities.server.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

function form(values: Record<string, string | string[] | undefined>) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(values)) for (const item of [v ?? []].flat()) fd.append(k, item)
  return fd
}

function unwrap(value: unknown): {
  status: number
  body: {
    result: { status?: string; error?: Record<string, string[] | null> | null } | null
    conflict: { version: number; data: Record<string, unknown> } | null
  }
} {
  if (value && typeof value === 'object' && 'init' in value && 'data' in value) {
    const v = value as { data: never; init: { status?: number } | null }
    return { status: v.init?.status ?? 200, body: v.data }
  }
  return { status: 200, body: value as never }
}

async function setup() {
  const lead = await createUser(db)
  const plan = await createPlan(db, lead.id)
  const member = async (role: PlanRole, constituency: Constituency = 'government') => {
    const user = await createUser(db, { constituency })
    await addMember(db, plan.id, user.id, role, lead.id)
    return user
  }
  const as = (user: { id: string }, role: PlanRole) => ({
    extra: async (values: Record<string, string | string[] | undefined>) =>
      handleInterventionPriorities({
        db,
        planId: plan.id,
        actor: { id: user.id, globalRole: 'member' },
        role,
        formData: form(await withScoreBase(db, values, user.id)),
      }),
    item: (values: Record<string, string | string[] | undefined>) =>
      handleItemAction({
        db,
        planId: plan.id,
        actor: { id: user.id, globalRole: 'member' },
        role,
        formData: form(values),
      }),
  })
  const addIntervention = async (title = 'Targeted inspections', type = 'targeted_inspection') => {
    await as(lead, 'lead').item({ intent: 'item:create', kind: 'intervention', title, interventionType: type })
    const items = await ItemRepository.findByKind(db, plan.id, 'intervention')
    return items[items.length - 1]!
  }
  return { plan, lead, member, as, addIntervention, leadActs: as(lead, 'lead') }
}

const scores = (subject: string, values: Record<string, number | string>) => ({
  intent: 'score:save',
  subject,
  ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
})

describe('5.2 intervention scoring', () => {
  it('ranks the worked example with cost reversed: V1 = 3.86 from the six tripartite scorers', async () => {
    const { plan, member, as, addIntervention, lead } = await setup()
    const items: Awaited<ReturnType<typeof addIntervention>>[] = []
    for (const v of INTERVENTIONS) items.push(await addIntervention(v.title, v.type))
    for (const [s, [, constituency]] of PALM_SCORERS.entries()) {
      const scorer = await member('contributor', constituency)
      for (const [i, v] of INTERVENTIONS.entries())
        expect(unwrap(await as(scorer, 'contributor').extra(scores(items[i]!.id, rawScores(v, s)))).status).toBe(200)
    }
    const data = await loadInterventionPriorities({
      db,
      planId: plan.id,
      actor: { id: lead.id, globalRole: 'member' },
      role: 'lead',
    })
    const mean = (ref: string) => data.ranking.find((r) => r.subjectId === items.find((i) => i.ref === ref)!.id)!
    expect(mean('V1').weightedMean!.toFixed(2)).toBe('3.86')
    expect(mean('V1').byCriterion.cost).toBe(4) // as scored: expensive
    expect(items.map((i) => mean(i.ref).weightedMean!.toFixed(2))).toEqual([
      '3.86',
      '3.71',
      '3.71',
      '3.86',
      '4.00',
      '3.43',
      '3.43',
      '2.86',
      '3.29',
    ])
    expect(data.ranking[0]!.subjectId).toBe(items[4]!.id) // V5 = 4.00 ranks first
    expect(mean('V1').scorers).toBe(6)
    expect(mean('V1').spread).toEqual({ min: 2, max: 5 })
    // The union scored the inspection higher than the growers did: visible by constituency.
    expect(mean('V1').byConstituency.workers!).toBeGreaterThan(mean('V1').byConstituency.employers!)
    expect(data.scorers).toHaveLength(6)
  })

  it('refuses out-of-range scores and unknown subjects with 400 and writes nothing', async () => {
    const { plan, leadActs, addIntervention } = await setup()
    const v = await addIntervention()
    const bad = unwrap(await leadActs.extra(scores(v.id, { effect: 6, cost: 0 })))
    expect(bad.status).toBe(400)
    expect(bad.body.result?.error?.effect).toBeTruthy()
    expect(bad.body.result?.error?.cost).toBeTruthy()
    expect(unwrap(await leadActs.extra(scores(v.id, { effect: '2.5' }))).status).toBe(400)
    expect(unwrap(await leadActs.extra(scores(v.id, { effect: 'high' }))).status).toBe(400)
    expect(unwrap(await leadActs.extra(scores('not-a-uuid', { effect: 3 }))).status).toBe(400)
    const other = await setup()
    const foreign = await other.addIntervention()
    expect(unwrap(await leadActs.extra(scores(foreign.id, { effect: 3 }))).body.result?.error?.subject).toEqual([
      'validation.unknownLink',
    ])
    const data = await loadInterventionPriorities({
      db,
      planId: plan.id,
      actor: { id: 'x', globalRole: 'member' },
      role: 'lead',
    })
    expect(data.ranking[0]!.scorers).toBe(0)
    expect(unwrap(await leadActs.extra({ intent: 'score:explode' })).status).toBe(400)
  })

  it('keeps each participant to their own scores and lets them clear a criterion', async () => {
    const { plan, member, as, addIntervention } = await setup()
    const v = await addIntervention()
    const a = await member('contributor', 'workers')
    const b = await member('coauthor', 'employers')
    await as(a, 'contributor').extra(scores(v.id, { effect: 5, reach: 4 }))
    await as(b, 'coauthor').extra(scores(v.id, { effect: 1 }))
    await as(a, 'contributor').extra(scores(v.id, { effect: 4 })) // reach left empty: cleared
    const mine = await loadInterventionPriorities({
      db,
      planId: plan.id,
      actor: { id: a.id, globalRole: 'member' },
      role: 'contributor',
    })
    expect(mine.mine[v.id]).toEqual({ effect: 4 })
    expect(mine.ranking[0]!.byConstituency).toEqual({ workers: 4, employers: 1 })
  })

  it('forbids a viewer to score', async () => {
    const { member, as, addIntervention } = await setup()
    const v = await addIntervention()
    const viewer = await member('viewer')
    await expect(as(viewer, 'viewer').extra(scores(v.id, { effect: 3 }))).rejects.toMatchObject({
      init: { status: 403 },
    })
  })
})

describe('5.2 selection', () => {
  it('lets the lead and co-authors decide, refuses contributors, and refuses a stale decision with the current one', async () => {
    const { plan, member, as, addIntervention, leadActs } = await setup()
    const v = await addIntervention()
    const contributor = await member('contributor')
    const coauthor = await member('coauthor', 'workers')
    const decide = (decision: string, rationale: string, version?: string) => ({
      intent: 'selection:save',
      intervention: v.id,
      decision,
      rationale,
      version,
    })
    await expect(as(contributor, 'contributor').extra(decide('selected', 'Yes'))).rejects.toMatchObject({
      init: { status: 403 },
    })
    expect(unwrap(await leadActs.extra(decide('selected', ''))).status).toBe(400)
    expect(unwrap(await leadActs.extra(decide('maybe', 'Why not'))).status).toBe(400)
    expect(unwrap(await leadActs.extra(decide('selected', 'Core of the plan'))).status).toBe(200)
    // The co-author opened the form before the lead saved: they saw no decision.
    const stale = unwrap(await as(coauthor, 'coauthor').extra(decide('deferred', 'Wait for results')))
    expect(stale.status).toBe(409)
    expect(stale.body.conflict).toMatchObject({
      version: 1,
      data: { decision: 'selected', rationale: 'Core of the plan' },
    })
    expect(unwrap(await as(coauthor, 'coauthor').extra(decide('deferred', 'Wait for results', '1'))).status).toBe(200)
    expect(unwrap(await leadActs.extra(decide('selected', 'Again', '1'))).status).toBe(409)
    const data = await loadInterventionPriorities({
      db,
      planId: plan.id,
      actor: { id: coauthor.id, globalRole: 'member' },
      role: 'coauthor',
    })
    expect(data.selections[v.id]).toMatchObject({ decision: 'deferred', rationale: 'Wait for results', version: 2 })
  })

  it('refuses to decide on an intervention of another plan', async () => {
    const { leadActs } = await setup()
    const other = await setup()
    const foreign = await other.addIntervention()
    const res = unwrap(
      await leadActs.extra({
        intent: 'selection:save',
        intervention: foreign.id,
        decision: 'selected',
        rationale: 'x',
      }),
    )
    expect(res.status).toBe(400)
    expect(res.body.result?.error?.intervention).toEqual(['validation.unknownLink'])
  })
})

describe('step 5 progress', () => {
  it('moves 5.1–5.3 to done as interventions are listed, selected, linked and laddered', async () => {
    const { plan, leadActs, addIntervention } = await setup()
    const status = async (code: string) => (await planProgress(db, plan.id)).find((p) => p.code === code)!
    expect(await status('5.1')).toMatchObject({ status: 'not_started' })
    const v1 = await addIntervention()
    const v2 = await addIntervention('Guidance note', 'compliance_assistance')
    expect(await status('5.1')).toMatchObject({ status: 'done' })
    expect(await status('5.2')).toMatchObject({ status: 'not_started' })
    await leadActs.extra(scores(v1.id, { effect: 4 }))
    expect(await status('5.2')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.noInterventionSelected'],
    })
    await leadActs.extra({ intent: 'selection:save', intervention: v1.id, decision: 'selected', rationale: 'Core' })
    await leadActs.extra({ intent: 'selection:save', intervention: v2.id, decision: 'selected', rationale: 'Cheap' })
    expect(await status('5.2')).toMatchObject({ status: 'done', missing: [] })

    expect(await status('5.3')).toMatchObject({ status: 'not_started' })
    await leadActs.item({ intent: 'item:create', kind: 'intervention_link', intervention: v1.id })
    await leadActs.item({
      intent: 'item:create',
      kind: 'escalation_rung',
      trigger: 'On the list',
      response: 'Guidance',
    })
    expect(await status('5.3')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.selectedUnlinked', 'progress.missing.ladderTooShort'],
    })
    await leadActs.item({ intent: 'item:create', kind: 'intervention_link', intervention: v2.id })
    await leadActs.item({
      intent: 'item:create',
      kind: 'escalation_rung',
      trigger: 'Violation found',
      response: 'Compliance order',
      intervention: v1.id,
    })
    expect(await status('5.3')).toMatchObject({ status: 'done' })
  })

  it('requires a trigger and a response on every rung', async () => {
    const { leadActs } = await setup()
    const res = unwrap(
      await leadActs.item({ intent: 'item:create', kind: 'escalation_rung', trigger: '', response: '' }),
    )
    expect(res.status).toBe(400)
    expect(res.body.result?.error).toMatchObject({
      trigger: ['validation.required'],
      response: ['validation.required'],
    })
  })
})
