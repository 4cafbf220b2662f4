import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '#app/utils/db.server.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { seedDemo, type DemoIds } from '#seed/demo.ts'
import { loadOncePerFile } from '#tests/table-snapshot.ts'
import { loadPrioritisation } from './prioritise.server.ts'
import { planProgress } from '../../worksheets/progress.server.ts'

const db = getDb()
let ids: DemoIds

// Tables are emptied before each test; the demo is loaded once and its rows put back before each.
// Nobody signs in here, so the password hash needs no real hashing.
const loadDemo = loadOncePerFile(() => seedDemo(db, 'not-a-real-hash'))
beforeEach(async () => {
  ids = await loadDemo()
})

const load = (plan: string, email: string) =>
  loadPrioritisation({
    db,
    planId: ids.plans[plan]!,
    actor: { id: ids.users[email]!, globalRole: 'member' },
    role: null,
  })

describe('step 2 demo data', () => {
  it('ranks I1 × T1 first in the palm oil plan at 4.38, spread 3–5, from six tripartite scorers', async () => {
    const { ranking, criteria } = await load('palm-oil', 'planner@demo.example')
    const issues = await ItemRepository.findByKind(db, ids.plans['palm-oil']!, 'issue')
    const targets = await ItemRepository.findByKind(db, ids.plans['palm-oil']!, 'target')
    const ref = (id: string, items: typeof issues) => items.find((i) => i.id === id)!.ref
    expect(
      ranking.map((r) => `${ref(r.issueId, issues)}×${ref(r.targetId, targets)} ${r.weightedMean!.toFixed(2)}`),
    ).toEqual(['I1×T1 4.38', 'I4×T1 4.00', 'I1×T3 3.88', 'I2×T5 3.50', 'I5×T2 3.38', 'I6×T4 2.88'])
    const first = ranking[0]!
    expect(first).toMatchObject({ rank: 1, scorers: 6, spread: { min: 3, max: 5 } })
    expect(criteria.map((c) => first.byCriterion[c.id])).toEqual([4, 5, 4, 4, 4, 5, 4, 5])
    expect(Object.keys(first.byConstituency).sort()).toEqual(['employers', 'government', 'workers'])
    expect(first.byConstituency.employers!).toBeLessThan(first.byConstituency.workers!)
  })

  it('keeps the employer’s leverage score of 3 on I1 × T1, the recorded dissent', async () => {
    const { ranking, criteria, myScores, decision } = await load('palm-oil', 'employer@demo.example')
    const leverage = criteria.find((c) => c.data.criterionKey === 'leverage')!
    expect(myScores[ranking[0]!.pairId]![leverage.id]).toBe(3)
    expect(decision?.data).toMatchObject({ pairs: [ranking[0]!.pairId] })
    expect(String(decision?.data.dissent)).toContain('KPGA-SH')
  })

  it('completes 2.1 to 2.3 in both demo plans', async () => {
    for (const plan of ['palm-oil', 'fishing']) {
      const progress = await planProgress(db, ids.plans[plan]!)
      expect(
        progress.filter((p) => p.code.startsWith('2.')).map((p) => p.status),
        plan,
      ).toEqual(['done', 'done', 'done'])
    }
  })
})
