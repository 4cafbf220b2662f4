import { afterAll, describe, expect, it } from 'vitest'
import { planProgress } from '#app/worksheets/progress.server.ts'
import { loadStakeholderScores } from '#app/method/4.2-stakeholder-priorities/stakeholder-priorities.server.ts'
import { placementOf, quadrant } from '#app/worksheets/stakeholderGrid.ts'
import { createDb } from '#db/client.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { seedDemo } from './demo.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

describe('demo steps 3 and 4', () => {
  it('fills the palm oil plan as in the worked example and the fishing plan partly', async () => {
    const ids = await seedDemo(db, 'not-a-real-hash')
    const palm = ids.plans['palm-oil']!
    const progress = await planProgress(db, palm)
    for (const code of ['3.1', '3.2', '4.1', '4.2', '4.3'])
      expect(
        progress.find((p) => p.code === code),
        code,
      ).toMatchObject({ status: 'done', missing: [] })

    const causes = await ItemRepository.findByKind(db, palm, 'cause')
    const byRef = Object.fromEntries(causes.map((c) => [c.ref, c]))
    expect(causes).toHaveLength(8)
    expect(byRef.C7!.data).toMatchObject({ parent: byRef.C1!.id, level: 'root' })
    expect(byRef.C8!.data).toMatchObject({ parent: byRef.C5!.id, category: 'regulatory' })
    const influences = await ItemRepository.findByKind(db, palm, 'influence')
    expect(influences.map((f) => [f.ref, f.data.polarity, f.data.directness, f.data.strength])).toEqual([
      ['F1', 'driver', 'indirect', 2],
      ['F2', 'driver', 'direct', 3],
      ['F3', 'driver', 'indirect', 1],
      ['F4', 'constraint', 'direct', 3],
      ['F5', 'constraint', 'direct', 3],
      ['F6', 'constraint', 'indirect', 2],
      ['F7', 'constraint', 'direct', 2],
    ])
    expect(influences[6]!.data.causes).toEqual([byRef.C8!.id])

    const planner = { id: ids.users['planner@demo.example']!, globalRole: 'member' as const }
    const scores = await loadStakeholderScores({ db, planId: palm, actor: planner, role: 'lead' })
    const stakeholders = await ItemRepository.findByKind(db, palm, 'stakeholder')
    const means = stakeholders.map((s) => [
      s.ref,
      scores.summary[s.id]!.influence!.mean,
      scores.summary[s.id]!.alignment!.mean,
      scores.summary[s.id]!.capacity!.mean,
    ])
    expect(means).toEqual([
      ['S1', 3, 2, 3],
      ['S2', 4, 0, 4],
      ['S3', 5, -1, 5],
      ['S4', 4, 0, 3],
      ['S5', 4, 1, 4],
      ['S6', 3, 2, 3],
      ['S7', 3, 1, 2],
      ['S8', 3, 1, 2],
      ['S9', 2, 2, 2],
      ['S10', 2, 1, 2],
      ['S11', 2, 0, 1],
    ])
    expect(scores.scorers[stakeholders[0]!.id]).toBe(6)
    const quadrants = stakeholders.map((s) => {
      const p = placementOf(s.data, {
        influence: scores.summary[s.id]!.influence!.mean,
        alignment: scores.summary[s.id]!.alignment!.mean,
      })!
      return quadrant(p.influence, p.alignment)
    })
    expect(quadrants).toEqual([
      'partner',
      'persuade',
      'persuade',
      'persuade',
      'partner',
      'partner',
      'partner',
      'partner',
      'partner',
      'inform',
      'monitor',
    ])
    expect(await ItemRepository.findByKind(db, palm, 'stakeholder_link')).toHaveLength(6)

    const counts = await CommentRepository.countByPlan(db, palm)
    expect(Object.values(counts.item).reduce((a, b) => a + b, 0)).toBe(3)
    expect(counts.substep['2.2']).toBe(1)

    const fishing = await planProgress(db, ids.plans['fishing']!)
    expect(fishing.find((p) => p.code === '3.2')).toMatchObject({ status: 'done' })
    expect(fishing.find((p) => p.code === '4.2')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.stakeholdersUnscored', 'progress.missing.stakeholdersUnplaced'],
    })
    expect(fishing.find((p) => p.code === '4.3')).toMatchObject({ status: 'done' })
  }, 90_000)
})
