import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '#db/client.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type Constituency } from '#db/types.ts'
import { type PlanRole } from '#core/permissions.ts'
import { planProgress } from '../../worksheets/progress.server.ts'
import { handleStakeholderAction, loadStakeholderScores } from './stakeholder-priorities.server.ts'
import { withScoreBase } from '#tests/factories/step2.ts'
import { placementOf, quadrant } from '../../worksheets/stakeholderGrid.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

function form(values: Record<string, string>) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(values)) fd.append(k, v)
  return fd
}

type Body = {
  result: { status?: string; error?: Record<string, string[]> } | null
  conflict: { version: number; data: Record<string, unknown> } | null
}
function unwrap(value: unknown): { status: number; body: Body } {
  if (value && typeof value === 'object' && 'init' in value && 'data' in value) {
    const v = value as { data: Body; init: { status?: number } | null }
    return { status: v.init?.status ?? 200, body: v.data }
  }
  return { status: 200, body: value as Body }
}

async function setup() {
  const lead = await createUser(db, { constituency: 'government' })
  const plan = await createPlan(db, lead.id)
  const as = async (role: PlanRole, constituency: Constituency = 'workers') => {
    const user = role === 'lead' ? lead : await createUser(db, { constituency })
    if (role !== 'lead') await addMember(db, plan.id, user.id, role, lead.id)
    const ctx = { db, planId: plan.id, actor: { id: user.id, globalRole: 'member' as const }, role }
    return {
      user,
      ctx,
      act: async (values: Record<string, string>) =>
        unwrap(await handleStakeholderAction({ ...ctx, formData: form(await withScoreBase(db, values, user.id)) })),
    }
  }
  const stakeholder = (name: string, category = 'enterprise', extra: Record<string, unknown> = {}) =>
    ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'stakeholder',
      refPrefix: 'S',
      data: { name, category, ...extra },
      actorId: lead.id,
    })
  return { plan, lead, as, stakeholder }
}

const score = (id: string, values: Record<string, string>) => ({
  intent: 'score:save',
  formId: `score-${id}`,
  id,
  influence: '',
  alignment: '',
  capacity: '',
  accessibility: '',
  ...values,
})

describe('quadrant', () => {
  it.each([
    [5, 2, 'partner'],
    [3, 1, 'partner'],
    [3, 0.01, 'partner'],
    [5, 0, 'persuade'],
    [3, 0, 'persuade'],
    [4, -2, 'persuade'],
    [2.99, 1, 'inform'],
    [1, 2, 'inform'],
    [2, 0, 'monitor'],
    [1, -2, 'monitor'],
    [2.99, 0, 'monitor'],
  ] as const)('influence %s, alignment %s is %s', (influence, alignment, expected) => {
    expect(quadrant(influence, alignment)).toBe(expected)
  })

  it('places a stakeholder where the team agreed, else at its means, else nowhere', () => {
    expect(placementOf({ agreedInfluence: 4, agreedAlignment: -1 }, { influence: 2, alignment: 2 })).toEqual({
      influence: 4,
      alignment: -1,
      source: 'agreed',
    })
    expect(placementOf({ agreedInfluence: 4 }, { influence: 2.5, alignment: 1.5 })).toEqual({
      influence: 2.5,
      alignment: 1.5,
      source: 'mean',
    })
    expect(placementOf({}, { influence: 2.5, alignment: null })).toBeNull()
    expect(placementOf({}, undefined)).toBeNull()
  })
})

describe('4.2 stakeholder scores', () => {
  it('accepts alignment from −2 to +2 and refuses values outside each criterion’s scale', async () => {
    const { plan, as, stakeholder } = await setup()
    const s = await stakeholder('Mills')
    const union = await as('contributor', 'workers')
    expect((await union.act(score(s.id, { influence: '4', alignment: '-2', capacity: '3' }))).status).toBe(200)
    expect(
      (await union.act(score(s.id, { influence: '4', alignment: '2', capacity: '3', accessibility: '5' }))).status,
    ).toBe(200)
    const refused = await union.act(score(s.id, { influence: '4', alignment: '3', capacity: '3' }))
    expect(refused.status).toBe(400)
    expect(refused.body.result?.error).toEqual({ alignment: ['validation.scoreRange|-2|2'] })
    const bads: Record<string, string>[] = [
      { influence: '0' },
      { capacity: '6' },
      { influence: '2.5' },
      { accessibility: 'x' },
      { alignment: '-3' },
    ]
    for (const bad of bads) {
      expect((await union.act(score(s.id, bad))).status).toBe(400)
    }
    const rows = await ScoreRepository.findByKind(db, plan.id, 'stakeholder')
    expect(Object.fromEntries(rows.map((r) => [r.criterion, r.value]))).toEqual({
      influence: 4,
      alignment: 2,
      capacity: 3,
      accessibility: 5,
    })
    // An empty criterion withdraws that score.
    expect((await union.act(score(s.id, { influence: '4', alignment: '2', capacity: '3' }))).status).toBe(200)
    expect((await ScoreRepository.findByKind(db, plan.id, 'stakeholder')).map((r) => r.criterion).sort()).toEqual([
      'alignment',
      'capacity',
      'influence',
    ])
  })

  it('lets contributors score, not viewers, and only stakeholders of this plan', async () => {
    const { as, stakeholder } = await setup()
    const other = await setup()
    const s = await stakeholder('Mills')
    const foreign = await other.stakeholder('Elsewhere')
    const viewer = await as('viewer')
    await expect(viewer.act(score(s.id, { influence: '3' }))).rejects.toMatchObject({ init: { status: 403 } })
    const lead = await as('lead')
    expect((await lead.act(score(foreign.id, { influence: '3' }))).status).toBe(404)
    expect((await lead.act({ intent: 'score:nothing' })).status).toBe(400)
  })

  it('shows each criterion’s mean, spread and means by constituency', async () => {
    const { as, stakeholder } = await setup()
    const s = await stakeholder('Group HQs')
    const gov = await as('lead')
    const union = await as('contributor', 'workers')
    const employer = await as('contributor', 'employers')
    await gov.act(score(s.id, { influence: '5', alignment: '-1', capacity: '5' }))
    await union.act(score(s.id, { influence: '5', alignment: '-2', capacity: '4' }))
    await employer.act(score(s.id, { influence: '4', alignment: '1', capacity: '5' }))
    const loaded = await loadStakeholderScores(union.ctx)
    const sum = loaded.summary[s.id]!
    expect(sum.influence!.mean).toBeCloseTo(14 / 3)
    expect(sum.alignment).toMatchObject({
      mean: -2 / 3,
      spread: { min: -2, max: 1 },
      byConstituency: { government: -1, workers: -2, employers: 1 },
    })
    expect(sum.accessibility).toMatchObject({ mean: null, spread: null })
    expect(loaded.scorers[s.id]).toBe(3)
    expect(loaded.mine[s.id]).toEqual({ influence: 5, alignment: -2, capacity: 4 })
    expect(loaded.constituencies).toEqual(['employers', 'government', 'workers'])
  })
})

describe('4.2 agreed placement on the grid', () => {
  it('saves the placement with the version check and keeps the other fields', async () => {
    const { plan, as, stakeholder } = await setup()
    const s = await stakeholder('Mills', 'enterprise', { contact: 'mills@example.test' })
    const lead = await as('lead')
    const place = (version: number, agreedInfluence: string, agreedAlignment: string) =>
      lead.act({
        intent: 'stakeholder:place',
        formId: 'stakeholder-grid',
        id: s.id,
        version: String(version),
        agreedInfluence,
        agreedAlignment,
      })
    expect((await place(1, '4', '0')).status).toBe(200)
    const stale = await place(1, '2', '2')
    expect(stale.status).toBe(409)
    expect(stale.body.conflict).toMatchObject({ version: 2, data: { agreedInfluence: 4, agreedAlignment: 0 } })
    expect((await place(2, '6', '0')).status).toBe(400)
    expect((await place(2, '3', '-3')).status).toBe(400)
    const half = await place(2, '3', '')
    expect(half.status).toBe(400)
    expect(half.body.result?.error?.agreedAlignment).toEqual(['validation.placementBoth'])
    expect((await ItemRepository.findById(db, plan.id, s.id))!.data).toEqual({
      name: 'Mills',
      category: 'enterprise',
      contact: 'mills@example.test',
      agreedInfluence: 4,
      agreedAlignment: 0,
    })
    expect((await place(2, '', '')).status).toBe(200)
    expect((await ItemRepository.findById(db, plan.id, s.id))!.data).toEqual({
      name: 'Mills',
      category: 'enterprise',
      contact: 'mills@example.test',
    })
  })

  it('is reserved to editors of the worksheet and to this plan’s stakeholders', async () => {
    const { as, stakeholder } = await setup()
    const other = await setup()
    const s = await stakeholder('Mills')
    const foreign = await other.stakeholder('Elsewhere')
    const contributor = await as('contributor')
    await expect(
      contributor.act({
        intent: 'stakeholder:place',
        id: s.id,
        version: '1',
        agreedInfluence: '3',
        agreedAlignment: '1',
      }),
    ).rejects.toMatchObject({ init: { status: 403 } })
    const lead = await as('lead')
    expect(
      (
        await lead.act({
          intent: 'stakeholder:place',
          id: foreign.id,
          version: '1',
          agreedInfluence: '3',
          agreedAlignment: '1',
        })
      ).status,
    ).toBe(404)
  })
})

describe('step 4 progress', () => {
  it('follows the stakeholder list, the scores and placements, and the links', async () => {
    const { plan, as, stakeholder, lead } = await setup()
    const status = async (code: string) => (await planProgress(db, plan.id)).find((p) => p.code === code)!
    expect(await status('4.1')).toMatchObject({ status: 'not_started' })
    const a = await stakeholder('Union', 'worker_org')
    expect(await status('4.1')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.noStakeholder_government', 'progress.missing.noStakeholder_employer_org'],
    })
    const b = await stakeholder('Growers', 'employer_org', { agreedInfluence: 4, agreedAlignment: 0 })
    await stakeholder('SSA', 'government')
    expect(await status('4.1')).toMatchObject({ status: 'done' })

    expect(await status('4.2')).toMatchObject({ status: 'not_started' })
    const me = await as('lead')
    await me.act(score(a.id, { influence: '3', alignment: '2' }))
    await me.act(score(b.id, { capacity: '4' }))
    expect(await status('4.2')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.stakeholdersUnscored', 'progress.missing.stakeholdersUnplaced'],
    })

    expect(await status('4.3')).toMatchObject({ status: 'not_started' })
    await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'stakeholder_link',
      refPrefix: 'SL',
      data: { stakeholder: a.id, mechanism: 'Shop stewards', influences: [] },
      actorId: lead.id,
    })
    expect(await status('4.3')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.linksWithoutInfluence'],
    })
  })
})
