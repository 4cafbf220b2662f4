import { afterAll, describe, expect, it } from 'vitest'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { loadPrioritisation } from './prioritise.server.ts'
import { planProgress } from '../../worksheets/progress.server.ts'
import { closeStepDb, db, planWithTeam, type Participant } from '#tests/factories/step2.ts'

afterAll(() => closeStepDb())

/** A plan with one issue, two targets and the pair I1 × T1; returns ids and a helper to score. */
async function scoredPlan(members: Parameters<typeof planWithTeam>[0] = []) {
  const team = await planWithTeam(members)
  const { plan, lead } = team
  await lead.item({ intent: 'item:create', kind: 'issue', title: 'Casual employment' })
  await lead.item({ intent: 'item:create', kind: 'target', name: 'Large estates', targetType: 'enterprise_tier' })
  await lead.item({ intent: 'item:create', kind: 'target', name: 'Contractors', targetType: 'contractor_type' })
  const [issue] = await ItemRepository.findByKind(db, plan.id, 'issue')
  const [t1, t2] = await ItemRepository.findByKind(db, plan.id, 'target')
  expect((await lead.item({ intent: 'item:create', kind: 'pair', issue: issue!.id, target: t1!.id })).status).toBe(200)
  const criteria = (await loadPrioritisation(lead.ctx)).criteria
  const pairs = async () => ItemRepository.findByKind(db, plan.id, 'pair')
  const score = (who: Participant, pairId: string, values: number[]) =>
    who.extra('2.2', {
      intent: 'score:save',
      formId: 'f',
      pairId,
      ...Object.fromEntries(
        criteria.flatMap((c, i) => (values[i] === undefined ? [] : [[`score.${c.id}`, String(values[i])]])),
      ),
    })
  return { ...team, issue: issue!, t1: t1!, t2: t2!, criteria, pairs, score }
}

describe('2.2 criteria', () => {
  it('starts every plan with the method’s eight criteria with weight 1', async () => {
    const { lead } = await planWithTeam()
    const [a, b] = await Promise.all([loadPrioritisation(lead.ctx), loadPrioritisation(lead.ctx)])
    expect(a.criteria.map((c) => [c.ref, c.data.criterionKey, c.data.weight])).toEqual([
      ['Cr1', 'severity', 1],
      ['Cr2', 'scale', 1],
      ['Cr3', 'vulnerability', 1],
      ['Cr4', 'low_reporting', 1],
      ['Cr5', 'leverage', 1],
      ['Cr6', 'systemic', 1],
      ['Cr7', 'measurable', 1],
      ['Cr8', 'policy_fit', 1],
    ])
    expect(b.criteria).toHaveLength(8)
  })

  it('lets only the lead change criteria and weights', async () => {
    const { plan, lead, others } = await planWithTeam([{ role: 'coauthor' }, { role: 'contributor' }])
    const [severity] = (await loadPrioritisation(lead.ctx)).criteria
    const update = {
      intent: 'item:update',
      kind: 'criterion',
      id: severity!.id,
      version: '1',
      criterionKey: 'severity',
      weight: '2',
    }
    for (const other of others) {
      await expect(other.item(update)).rejects.toMatchObject({ init: { status: 403 } })
      await expect(other.item({ intent: 'item:delete', id: severity!.id, version: '1' })).rejects.toMatchObject({
        init: { status: 403 },
      })
      await expect(
        other.item({ intent: 'item:create', kind: 'criterion', criterionKey: 'custom', name: 'Gender', weight: '1' }),
      ).rejects.toMatchObject({ init: { status: 403 } })
    }
    expect((await lead.item(update)).status).toBe(200)
    expect(
      (await lead.item({ intent: 'item:create', kind: 'criterion', criterionKey: 'custom', weight: '1' })).body.result
        ?.error?.name,
    ).toEqual(['validation.required'])
    expect((await ItemRepository.findById(db, plan.id, severity!.id))?.data.weight).toBe(2)
  })
})

describe('2.2 pairs', () => {
  it('refuses a duplicate pair with a field error', async () => {
    const { lead, issue, t1, t2, pairs } = await scoredPlan()
    const dup = await lead.item({ intent: 'item:create', kind: 'pair', issue: issue.id, target: t1.id })
    expect(dup.status).toBe(400)
    expect(dup.body.result?.error?.target).toEqual(['validation.duplicatePair|P1'])
    expect((await lead.item({ intent: 'item:create', kind: 'pair', issue: issue.id, target: t2.id })).status).toBe(200)
    const [, second] = await pairs()
    const onto = await lead.item({
      intent: 'item:update',
      kind: 'pair',
      id: second!.id,
      version: '1',
      issue: issue.id,
      target: t1.id,
    })
    expect(onto.status).toBe(400)
    expect(
      (
        await lead.item({
          intent: 'item:update',
          kind: 'pair',
          id: second!.id,
          version: '1',
          issue: issue.id,
          target: t2.id,
          note: 'same pair',
        })
      ).status,
    ).toBe(200)
  })

  it('refuses a pair with another plan’s issue', async () => {
    const a = await scoredPlan()
    const b = await planWithTeam()
    await b.lead.item({ intent: 'item:create', kind: 'target', name: 'Mills', targetType: 'supply_chain_node' })
    const [target] = await ItemRepository.findByKind(db, b.plan.id, 'target')
    const res = await b.lead.item({ intent: 'item:create', kind: 'pair', issue: a.issue.id, target: target!.id })
    expect(res.status).toBe(400)
    expect(res.body.result?.error?.issue).toEqual(['validation.unknownLink'])
  })
})

describe('2.2 scoring', () => {
  it('lets a contributor score and forbids a viewer', async () => {
    const { others, pairs, score } = await scoredPlan([{ role: 'contributor' }, { role: 'viewer' }])
    const [pair] = await pairs()
    expect((await score(others[0]!, pair!.id, [4, 4, 4, 4, 4, 4, 4, 4])).status).toBe(200)
    await expect(score(others[1]!, pair!.id, [1, 1, 1, 1, 1, 1, 1, 1])).rejects.toMatchObject({ init: { status: 403 } })
  })

  it.each([['0'], ['6'], ['3.5'], ['high'], ['-1']])(
    'refuses the score %s with a 400 and writes nothing',
    async (bad) => {
      const { lead, pairs, criteria } = await scoredPlan()
      const [pair] = await pairs()
      const res = await lead.extra('2.2', {
        intent: 'score:save',
        formId: 'f',
        pairId: pair!.id,
        [`score.${criteria[0]!.id}`]: '4',
        [`score.${criteria[1]!.id}`]: bad,
      })
      expect(res.status).toBe(400)
      expect(res.body.result?.error?.[`score.${criteria[1]!.id}`]).toEqual(['validation.scoreRange|1|5'])
      expect((await loadPrioritisation(lead.ctx)).myScores).toEqual({})
    },
  )

  it('refuses an unknown criterion and a pair of another plan', async () => {
    const a = await scoredPlan()
    const b = await scoredPlan()
    const [foreignPair] = await a.pairs()
    const [pair] = await b.pairs()
    expect(
      (await b.lead.extra('2.2', { intent: 'score:save', pairId: pair!.id, [`score.${a.criteria[0]!.id}`]: '3' }))
        .status,
    ).toBe(400)
    expect(
      (
        await b.lead.extra('2.2', {
          intent: 'score:save',
          pairId: foreignPair!.id,
          [`score.${b.criteria[0]!.id}`]: '3',
        })
      ).status,
    ).toBe(404)
    expect((await b.lead.extra('2.2', { intent: 'score:save', pairId: 'not-a-uuid' })).status).toBe(400)
  })

  it('keeps each scorer’s own scores: two scorers never overwrite each other', async () => {
    const { lead, others, pairs, score } = await scoredPlan([{ role: 'coauthor', constituency: 'workers' }])
    const [pair] = await pairs()
    await Promise.all([
      score(lead, pair!.id, [2, 2, 2, 2, 2, 2, 2, 2]),
      score(others[0]!, pair!.id, [4, 4, 4, 4, 4, 4, 4, 4]),
    ])
    await score(lead, pair!.id, [3])
    const mine = (await loadPrioritisation(lead.ctx)).myScores[pair!.id]!
    const theirs = (await loadPrioritisation(others[0]!.ctx)).myScores[pair!.id]!
    expect(Object.values(mine).sort()).toEqual([2, 2, 2, 2, 2, 2, 2, 3])
    expect(Object.values(theirs)).toEqual([4, 4, 4, 4, 4, 4, 4, 4])
  })

  it('ranks pairs by weighted mean and shows the spread and the means by constituency', async () => {
    const { lead, others, issue, t2, pairs, score, criteria } = await scoredPlan([
      { role: 'coauthor', constituency: 'workers' },
      { role: 'contributor', constituency: 'employers' },
    ])
    await lead.item({ intent: 'item:create', kind: 'pair', issue: issue.id, target: t2.id })
    const [p1, p2] = await pairs()
    const [union, employer] = others as [Participant, Participant]
    await score(lead, p1!.id, [3, 3, 3, 3, 3, 3, 3, 3])
    await score(union, p1!.id, [3, 3, 3, 3, 3, 3, 3, 3])
    await score(employer, p1!.id, [3, 3, 3, 3, 3, 3, 3, 3])
    await score(lead, p2!.id, [4, 4, 4, 4, 4, 4, 4, 4])
    await score(union, p2!.id, [5, 5, 5, 5, 5, 5, 5, 5])
    await score(employer, p2!.id, [2, 2, 2, 2, 2, 2, 2, 2])
    let view = await loadPrioritisation(employer.ctx)
    expect(view.ranking.map((r) => [r.ref, r.rank, r.spread, r.scorers])).toEqual([
      ['P2', 1, { min: 2, max: 5 }, 3],
      ['P1', 2, { min: 3, max: 3 }, 3],
    ])
    expect(view.ranking[0]!.weightedMean).toBeCloseTo(11 / 3)
    expect(view.ranking[1]!.weightedMean).toBeCloseTo(3)
    expect(view.ranking[0]!.byConstituency).toEqual({ government: 4, workers: 5, employers: 2 })
    expect(view.constituencies).toEqual(['employers', 'government', 'workers'])
    // Weighting severity ×3 and the lead's low severity for P2 reorders the ranking.
    const severity = criteria[0]!
    await lead.item({
      intent: 'item:update',
      kind: 'criterion',
      id: severity.id,
      version: '1',
      criterionKey: 'severity',
      weight: '3',
    })
    await score(lead, p2!.id, [1])
    await score(union, p2!.id, [1])
    view = await loadPrioritisation(employer.ctx)
    expect(view.ranking.map((r) => r.ref)).toEqual(['P1', 'P2'])
  })
})

describe('2.2 decision', () => {
  it('is recorded by the lead only, needs a pair and a rationale, and refuses a stale save', async () => {
    const { plan, lead, others, pairs } = await scoredPlan([{ role: 'coauthor' }])
    const [pair] = await pairs()
    const decision = {
      intent: 'item:create',
      kind: 'priority_decision',
      pairs: pair!.id,
      rationale: 'Highest score and a clear legal basis',
      dissent: 'Employers: leverage 3',
    }
    await expect(others[0]!.item(decision)).rejects.toMatchObject({ init: { status: 403 } })
    const empty = await lead.item({ intent: 'item:create', kind: 'priority_decision' })
    expect(empty.status).toBe(400)
    expect(Object.keys(empty.body.result?.error ?? {}).sort()).toEqual(['pairs', 'rationale'])
    expect((await lead.item(decision)).status).toBe(200)
    expect((await lead.item(decision)).status).toBe(400)
    const [stored] = await ItemRepository.findByKind(db, plan.id, 'priority_decision')
    expect(
      (await lead.item({ ...decision, intent: 'item:update', id: stored!.id, version: '1', rationale: 'First edit' }))
        .status,
    ).toBe(200)
    const stale = await lead.item({
      ...decision,
      intent: 'item:update',
      id: stored!.id,
      version: '1',
      rationale: 'Second edit from an old page',
    })
    expect(stale.status).toBe(409)
    expect(stale.body.conflict).toMatchObject({ version: 2, data: { rationale: 'First edit' } })
  })

  it('moves 2.2 from not started to in progress to done', async () => {
    const team = await planWithTeam()
    const status = async () => (await planProgress(db, team.plan.id)).find((p) => p.code === '2.2')!
    expect(await status()).toMatchObject({ status: 'not_started', missing: ['progress.missing.noPairs'] })
    const { plan, lead, pairs } = await scoredPlan()
    const statusOf = async () => (await planProgress(db, plan.id)).find((p) => p.code === '2.2')!
    expect(await statusOf()).toMatchObject({ status: 'in_progress', missing: ['progress.missing.noPriority'] })
    const [pair] = await pairs()
    await lead.item({ intent: 'item:create', kind: 'priority_decision', pairs: pair!.id, rationale: 'Agreed' })
    expect(await statusOf()).toMatchObject({ status: 'done', missing: [] })
  })
})
