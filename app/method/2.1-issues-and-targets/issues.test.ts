import { afterAll, describe, expect, it } from 'vitest'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { planProgress } from '../../worksheets/progress.server.ts'
import { closeStepDb, db, planWithTeam } from '#tests/factories/step2.ts'

afterAll(() => closeStepDb())

const status = async (planId: string, code: string) => (await planProgress(db, planId)).find((p) => p.code === code)!

describe('2.1 issues and targets', () => {
  it('creates issues linked to the mandate and data sources of the same plan', async () => {
    const { plan, lead } = await planWithTeam()
    await lead.item({
      intent: 'item:create',
      kind: 'mandate',
      instrument: 'Employment Act',
      powerType: 'status_determination',
    })
    await lead.item({
      intent: 'item:create',
      kind: 'data_source',
      name: 'Inspection records',
      sourceType: 'inspection_records',
    })
    const [m] = await ItemRepository.findByKind(db, plan.id, 'mandate')
    const [d] = await ItemRepository.findByKind(db, plan.id, 'data_source')
    const res = await lead.item({
      intent: 'item:create',
      kind: 'issue',
      title: 'Disguised casual employment',
      legalProvisions: 'Employment Act s.59',
      mandate: m!.id,
      evidence: d!.id,
      affectedGroups: ['women', 'ambiguous_employment'],
      sectors: ['A'],
    })
    expect(res.status).toBe(200)
    const [issue] = await ItemRepository.findByKind(db, plan.id, 'issue')
    expect(issue).toMatchObject({
      ref: 'I1',
      data: { mandate: [m!.id], evidence: [d!.id], affectedGroups: ['women', 'ambiguous_employment'], sectors: ['A'] },
    })
  })

  it('refuses a link to another plan’s data source, an unknown group and an unknown sector', async () => {
    const a = await planWithTeam()
    const b = await planWithTeam()
    await a.lead.item({ intent: 'item:create', kind: 'data_source', name: 'Records', sourceType: 'inspection_records' })
    const [foreign] = await ItemRepository.findByKind(db, a.plan.id, 'data_source')
    const res = await b.lead.item({ intent: 'item:create', kind: 'issue', title: 'x', evidence: foreign!.id })
    expect(res.status).toBe(400)
    expect(res.body.result?.error?.evidence).toEqual(['validation.unknownLink'])
    const bad = await b.lead.item({
      intent: 'item:create',
      kind: 'issue',
      title: 'x',
      affectedGroups: 'aliens',
      sectors: 'Z',
    })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.result?.error ?? {}).sort()).toEqual(['affectedGroups[0]', 'sectors[0]'])
    expect(await ItemRepository.findByKind(db, b.plan.id, 'issue')).toEqual([])
  })

  it('validates targets: type from the list, whole non-negative counts', async () => {
    const { plan, lead } = await planWithTeam()
    const bad = await lead.item({
      intent: 'item:create',
      kind: 'target',
      name: 'Estates',
      targetType: 'planet',
      estimatedUnits: '-1',
      estimatedWorkers: '2.5',
    })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.result?.error ?? {}).sort()).toEqual([
      'estimatedUnits',
      'estimatedWorkers',
      'targetType',
    ])
    const ok = await lead.item({
      intent: 'item:create',
      kind: 'target',
      name: 'Large estates',
      targetType: 'enterprise_tier',
      estimatedUnits: '22',
      estimatedWorkers: '19000',
      location: 'Sungai Hijau',
    })
    expect(ok.status).toBe(200)
    expect((await ItemRepository.findByKind(db, plan.id, 'target'))[0]).toMatchObject({
      ref: 'T1',
      data: { estimatedUnits: 22, estimatedWorkers: 19000 },
    })
  })

  it('forbids a contributor to add issues', async () => {
    const { others } = await planWithTeam([{ role: 'contributor' }])
    await expect(others[0]!.item({ intent: 'item:create', kind: 'issue', title: 'x' })).rejects.toMatchObject({
      init: { status: 403 },
    })
  })

  it('is done once there is an issue and a target', async () => {
    const { plan, lead } = await planWithTeam()
    expect(await status(plan.id, '2.1')).toMatchObject({ status: 'not_started' })
    await lead.item({ intent: 'item:create', kind: 'issue', title: 'Wages' })
    expect(await status(plan.id, '2.1')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.noTargets'],
    })
    await lead.item({ intent: 'item:create', kind: 'target', name: 'Mills', targetType: 'supply_chain_node' })
    expect(await status(plan.id, '2.1')).toMatchObject({ status: 'done', missing: [] })
  })
})
