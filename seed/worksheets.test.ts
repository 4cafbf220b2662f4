import { afterAll, describe, expect, it } from 'vitest'
import { planProgress } from '#app/worksheets/progress.server.ts'
import { loadInterventionPriorities } from '#app/method/5.2-intervention-priorities/intervention-priorities.server.ts'
import { createDb } from '#db/client.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { seedDemo } from './demo.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

describe('demo worksheets', () => {
  it('fills steps 5 and 6 of the palm oil plan as in the worked example, and leaves the fishing plan at step 4', async () => {
    const ids = await seedDemo(db, 'not-a-real-hash')
    const palm = ids.plans['palm-oil']!
    const progress = await planProgress(db, palm)
    for (const code of ['5.1', '5.2', '5.3', '6.1', '6.2'])
      expect(
        progress.find((p) => p.code === code),
        code,
      ).toMatchObject({ status: 'done', missing: [] })
    // The finished demo plan: every one of the 16 sub-steps is done.
    expect(progress.filter((p) => p.status !== 'done')).toEqual([])
    expect(progress).toHaveLength(16)

    const planner = { id: ids.users['planner@demo.example']!, globalRole: 'member' as const }
    const priorities = await loadInterventionPriorities({ db, planId: palm, actor: planner, role: 'lead' })
    const interventions = await ItemRepository.findByKind(db, palm, 'intervention')
    const byRef = Object.fromEntries(interventions.map((i) => [i.ref, i.id]))
    const score = (ref: string) => priorities.ranking.find((r) => r.subjectId === byRef[ref])!
    expect(score('V1').weightedMean!.toFixed(2)).toBe('3.86')
    expect(score('V1').scorers).toBe(6)
    expect(Object.keys(score('V1').byConstituency).sort()).toEqual(['employers', 'government', 'workers'])
    expect(priorities.selections[byRef.V7!]).toMatchObject({ decision: 'deferred' })
    expect(priorities.selections[byRef.V8!]).toMatchObject({ decision: 'not_selected' })
    expect(Object.values(priorities.selections).filter((s) => s.decision === 'selected')).toHaveLength(7)

    const fishing = await ItemRepository.countByKind(db, ids.plans['fishing']!)
    for (const kind of ['intervention', 'activity', 'indicator']) expect(fishing[kind] ?? 0).toBe(0)
  })
})
