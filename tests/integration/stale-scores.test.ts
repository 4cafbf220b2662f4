import { describe, expect, it } from 'vitest'
import { createPlan } from '#tests/factories/index.ts'
import { StaleRecordError } from '#db/executor.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { getDb } from '#app/utils/db.server.ts'
import { action } from '#app/routes/plans.$planId.steps.$substep.tsx'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'

// A participant's own scores saved from two tabs (or devices) that both showed the same scores:
// the later save is merged when the tabs changed different criteria and refused with 409, both
// values shown, when they changed the same one (ADR 036). Route level, for 2.2, 4.2 and 5.2.

const db = getDb()

interface ScoreCase {
  substep: string
  /** Creates the scored item; returns the form's fixed fields and two criteria (stored key, posted name). */
  setup: (
    planId: string,
    actorId: string,
  ) => Promise<{
    subjectId: string
    form: Record<string, string>
    criteria: [{ key: string; name: string }, { key: string; name: string }]
    all: string[]
  }>
}

const cases: [string, ScoreCase][] = [
  [
    '2.2 pairs',
    {
      substep: '2.2',
      setup: async (planId, actorId) => {
        const issue = await ItemRepository.insert(db, {
          planId,
          kind: 'issue',
          refPrefix: 'I',
          data: { title: 'Casual employment' },
          actorId,
        })
        const target = await ItemRepository.insert(db, {
          planId,
          kind: 'target',
          refPrefix: 'T',
          data: { name: 'Large estates', targetType: 'enterprise_tier' },
          actorId,
        })
        const pair = await ItemRepository.insert(db, {
          planId,
          kind: 'pair',
          refPrefix: 'P',
          data: { issue: issue.id, target: target.id },
          actorId,
        })
        const [c1, c2] = await ItemRepository.findByKind(db, planId, 'criterion')
        return {
          subjectId: pair.id,
          form: { intent: 'score:save', pairId: pair.id },
          criteria: [
            { key: c1!.id, name: `score.${c1!.id}` },
            { key: c2!.id, name: `score.${c2!.id}` },
          ],
          all: [],
        }
      },
    },
  ],
  [
    '4.2 stakeholders',
    {
      substep: '4.2',
      setup: async (planId, actorId) => {
        const stakeholder = await ItemRepository.insert(db, {
          planId,
          kind: 'stakeholder',
          refPrefix: 'S',
          data: { name: 'Estate owners', category: 'enterprise' },
          actorId,
        })
        return {
          subjectId: stakeholder.id,
          form: { intent: 'score:save', id: stakeholder.id },
          criteria: [
            { key: 'influence', name: 'influence' },
            { key: 'capacity', name: 'capacity' },
          ],
          all: ['influence', 'alignment', 'capacity', 'accessibility'],
        }
      },
    },
  ],
  [
    '5.2 interventions',
    {
      substep: '5.2',
      setup: async (planId, actorId) => {
        const intervention = await ItemRepository.insert(db, {
          planId,
          kind: 'intervention',
          refPrefix: 'V',
          data: { title: 'Targeted inspections', interventionType: 'targeted_inspection' },
          actorId,
        })
        return {
          subjectId: intervention.id,
          form: { intent: 'score:save', subject: intervention.id },
          criteria: [
            { key: 'effect', name: 'effect' },
            { key: 'reach', name: 'reach' },
          ],
          all: [],
        }
      },
    },
  ],
]

describe.each(cases)('a stale save of one’s own scores on %s', (_name, c) => {
  async function twoTabs() {
    const me = await createUserWithSession(db, { name: 'Budi Hartono' })
    const plan = await createPlan(db, me.user.id)
    const { subjectId, form, criteria, all } = await c.setup(plan.id, me.user.id)
    const [first, second] = criteria
    // Every criterion the form posts (4.2 posts all four, an empty one clearing that score).
    const post = (scores: Record<string, string>, base: Record<string, number> | null) => {
      const body: Record<string, string> = {
        ...form,
        formId: `score-${subjectId}`,
        ...Object.fromEntries(all.map((k) => [k, ''])),
        ...scores,
      }
      if (base) body.base = JSON.stringify(base)
      return call(() =>
        action(
          args(makeRequest(`/plans/${plan.id}/steps/${c.substep}`, { cookie: me.cookie, form: body }), {
            planId: plan.id,
            substep: c.substep,
          }),
        ),
      )
    }
    const stored = async () =>
      (await ScoreRepository.findForScorer(db, { planId: plan.id, subjectId, scorerId: me.user.id })).values
    // Both tabs showed these scores when the person started.
    expect((await post({ [first.name]: '3', [second.name]: '3' }, {})).status).toBe(200)
    const shown = { [first.key]: 3, [second.key]: 3 }
    return { first, second, post, stored, shown }
  }

  it('merges a criterion changed in only one tab with the other tab’s change', async () => {
    const { first, second, post, stored, shown } = await twoTabs()
    expect((await post({ [first.name]: '5', [second.name]: '3' }, shown)).status).toBe(200)
    const res = await post({ [first.name]: '3', [second.name]: '1' }, shown)
    expect(res.status).toBe(200)
    expect(res.data.saved).toMatchObject({ data: { [first.key]: 5, [second.key]: 1 }, mergedWith: 'Budi Hartono' })
    expect(await stored()).toMatchObject({ [first.key]: 5, [second.key]: 1 })
  })

  it('refuses with 409 a criterion both tabs changed, keeps the first save and shows both values', async () => {
    const { first, second, post, stored, shown } = await twoTabs()
    expect((await post({ [first.name]: '5', [second.name]: '3' }, shown)).status).toBe(200)
    const res = await post({ [first.name]: '1', [second.name]: '4' }, shown)
    expect(res.status).toBe(409)
    expect(res.data.conflict).toMatchObject({
      fields: [first.key],
      by: 'Budi Hartono',
      data: { [first.key]: 5, [second.key]: 3 },
      merged: { [first.key]: 1, [second.key]: 4 },
    })
    expect(await stored()).toMatchObject({ [first.key]: 5, [second.key]: 3 })
    // Having seen both, the person saves knowingly on what is saved now.
    expect((await post({ [first.name]: '1', [second.name]: '4' }, res.data.conflict.data)).status).toBe(200)
    expect(await stored()).toMatchObject({ [first.key]: 1, [second.key]: 4 })
  })

  it('refuses a save that says nothing of what it started from once scores exist', async () => {
    const { first, second, post, stored } = await twoTabs()
    const res = await post({ [first.name]: '1', [second.name]: '1' }, null)
    expect(res.status).toBe(409)
    expect(res.data.conflict.fields.sort()).toEqual([first.key, second.key].sort())
    expect(await stored()).toMatchObject({ [first.key]: 3, [second.key]: 3 })
  })
})

describe('ScoreRepository.upsertForScorer with expected scores', () => {
  it('writes nothing and throws StaleRecordError when a saved criterion holds something else by now', async () => {
    const me = await createUserWithSession(db)
    const plan = await createPlan(db, me.user.id)
    const item = await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'stakeholder',
      refPrefix: 'S',
      data: { name: 'Mills', category: 'enterprise' },
      actorId: me.user.id,
    })
    const input = { planId: plan.id, subjectId: item.id, scorerId: me.user.id }
    await ScoreRepository.upsertForScorer(db, { ...input, values: { influence: 2, capacity: 2 } })
    await expect(
      ScoreRepository.upsertForScorer(db, { ...input, values: { influence: 5 }, expected: { influence: 3 } }),
    ).rejects.toBeInstanceOf(StaleRecordError)
    // A criterion the save leaves alone does not count, and an absent one is expected empty.
    await ScoreRepository.upsertForScorer(db, {
      ...input,
      values: { influence: 4, alignment: 1 },
      expected: { influence: 2, capacity: 9 },
    })
    expect((await ScoreRepository.findForScorer(db, input)).values).toEqual({ influence: 4, alignment: 1, capacity: 2 })
  })
})
