import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '#db/client.ts'
import { substepScopes } from '#app/signoff/scopes.server.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import * as SignoffRepository from '#db/repositories/signoffs.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

async function tripartitePlan() {
  const gov = await createUser(db, { constituency: 'government' })
  const union = await createUser(db, { constituency: 'workers' })
  const employer = await createUser(db, { constituency: 'employers' })
  const viewer = await createUser(db, { constituency: 'ilo' })
  const plan = await createPlan(db, gov.id)
  await addMember(db, plan.id, union.id, 'coauthor', gov.id)
  await addMember(db, plan.id, employer.id, 'contributor', gov.id)
  await addMember(db, plan.id, viewer.id, 'viewer', gov.id)
  return { plan, gov, union, employer }
}

const agree = (
  planId: string,
  substep: string,
  user: { id: string; organisationId: string },
  constituency: SignoffRepository.SignoffConstituency,
) =>
  SignoffRepository.upsert(db, {
    planId,
    substep,
    constituency,
    decision: 'agree',
    reason: null,
    organisationId: user.organisationId,
    userId: user.id,
    scopes: substepScopes(substep as '1.1'),
  })

const staleness = async (planId: string, substep: string) =>
  Object.fromEntries(
    (await SignoffRepository.findByPlans(db, [planId]))
      .filter((r) => r.substep === substep)
      .map((r) => [r.constituency, r.stale_at !== null]),
  )

describe('sub-step sign-offs', () => {
  it('reads the constituencies of the team members who may sign, viewers and the ILO left out', async () => {
    const { plan } = await tripartitePlan()
    expect((await SignoffRepository.findTeamConstituencies(db, [plan.id])).get(plan.id)!.sort()).toEqual([
      'employers',
      'government',
      'workers',
    ])
  })

  it('refuses a reservation without a reason in the database itself', async () => {
    const { plan, union } = await tripartitePlan()
    await expect(
      SignoffRepository.upsert(db, {
        planId: plan.id,
        substep: '1.1',
        constituency: 'workers',
        decision: 'reserve',
        reason: '  ',
        organisationId: union.organisationId,
        userId: union.id,
        scopes: substepScopes('1.1'),
      }),
    ).rejects.toThrow(/substep_signoffs_reason/)
  })

  it('marks the sign-offs of a sub-step stale when its items change, with one history entry, and leaves other sub-steps alone', async () => {
    const { plan, gov, union, employer } = await tripartitePlan()
    const mandate = await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { power: 'Enter workplaces', powerType: 'power' },
      actorId: gov.id,
    })
    await agree(plan.id, '1.1', gov, 'government')
    await agree(plan.id, '1.1', union, 'workers')
    await agree(plan.id, '1.2', employer, 'employers')
    expect(await staleness(plan.id, '1.1')).toEqual({ government: false, workers: false })

    await ItemRepository.update(db, {
      planId: plan.id,
      id: mandate.id,
      expectedVersion: mandate.version,
      data: { power: 'Enter all workplaces', powerType: 'power' },
      actorId: union.id,
    })
    expect(await staleness(plan.id, '1.1')).toEqual({ government: true, workers: true })
    expect(await staleness(plan.id, '1.2')).toEqual({ employers: false })
    const events = await db
      .selectFrom('activity_events')
      .select(['action', 'entity_id', 'actor_id', 'new_value'])
      .where('plan_id', '=', plan.id)
      .where('entity_type', '=', 'signoff')
      .where('action', '=', 'stale')
      .execute()
    expect(events).toEqual([
      {
        action: 'stale',
        entity_id: '1.1',
        actor_id: union.id,
        new_value: { substep: '1.1', constituencies: ['government', 'workers'] },
      },
    ])

    // Agreeing again renews it; deleting the item makes it stale again.
    await agree(plan.id, '1.1', gov, 'government')
    expect(await staleness(plan.id, '1.1')).toEqual({ government: false, workers: true })
    const current = (await ItemRepository.findById(db, plan.id, mandate.id))!
    await ItemRepository.deleteById(db, {
      planId: plan.id,
      id: current.id,
      expectedVersion: current.version,
      actorId: gov.id,
    })
    expect(await staleness(plan.id, '1.1')).toEqual({ government: true, workers: true })
  })

  it('marks 4.2 stale when a score changes, but not when the same score is saved again', async () => {
    const { plan, gov, employer } = await tripartitePlan()
    const stakeholder = await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'stakeholder',
      refPrefix: 'S',
      data: { name: 'Growers', category: 'employer_org' },
      actorId: gov.id,
    })
    await ScoreRepository.upsertForScorer(db, {
      planId: plan.id,
      subjectId: stakeholder.id,
      scorerId: gov.id,
      values: { influence: 3 },
    })
    await agree(plan.id, '4.2', employer, 'employers')
    await ScoreRepository.upsertForScorer(db, {
      planId: plan.id,
      subjectId: stakeholder.id,
      scorerId: gov.id,
      values: { influence: 3 },
    })
    expect(await staleness(plan.id, '4.2')).toEqual({ employers: false })
    await ScoreRepository.upsertForScorer(db, {
      planId: plan.id,
      subjectId: stakeholder.id,
      scorerId: gov.id,
      values: { influence: 4 },
    })
    expect(await staleness(plan.id, '4.2')).toEqual({ employers: true })
  })

  it('marks a sub-step stale when its co-edited notes receive an update', async () => {
    const { plan, gov } = await tripartitePlan()
    const name = `plan.${plan.id}.notes.2.1`
    await db
      .insertInto('collab_documents')
      .values({ name, plan_id: plan.id, state: new Uint8Array([0, 0]) })
      .execute()
    await agree(plan.id, '2.1', gov, 'government')
    await agree(plan.id, '2.3', gov, 'government')
    await db
      .insertInto('collab_updates')
      .values({ doc_name: name, update: new Uint8Array([1, 2, 3]) })
      .execute()
    expect(await staleness(plan.id, '2.1')).toEqual({ government: true })
    expect(await staleness(plan.id, '2.3')).toEqual({ government: false })
  })

  it('stores completeness and reads it back for many plans at once', async () => {
    const { plan, gov } = await tripartitePlan()
    const other = await createPlan(db, gov.id)
    const generation = async (id: string) => (await SignoffRepository.findContentGenerations(db, [id])).get(id)!
    await SignoffRepository.storeEvaluatedCompletions(db, [
      {
        planId: plan.id,
        generation: await generation(plan.id),
        complete: [
          { substep: '1.1', complete: true },
          { substep: '1.2', complete: false },
        ],
      },
      { planId: other.id, generation: await generation(other.id), complete: [{ substep: '2.1', complete: true }] },
    ])
    await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { instrument: 'Act' },
      actorId: gov.id,
    })
    await SignoffRepository.storeEvaluatedCompletions(db, [
      {
        planId: plan.id,
        generation: await generation(plan.id),
        complete: [
          { substep: '1.1', complete: false },
          { substep: '1.2', complete: true },
        ],
      },
    ])
    const stored = await SignoffRepository.findCompletion(db, [plan.id, other.id])
    expect([...stored.get(plan.id)!]).toEqual(['1.2'])
    expect([...stored.get(other.id)!]).toEqual(['2.1'])
  })

  it('marks a plan’s completeness stale in the transaction of a worksheet or score change, not of a notes edit', async () => {
    const { plan, gov } = await tripartitePlan()
    const generation = async () => (await SignoffRepository.findContentGenerations(db, [plan.id])).get(plan.id)!
    const before = await generation()
    const name = `plan.${plan.id}.notes.1.1`
    await db
      .insertInto('collab_documents')
      .values({ name, plan_id: plan.id, state: new Uint8Array([0, 0]) })
      .execute()
    await db
      .insertInto('collab_updates')
      .values({ doc_name: name, update: new Uint8Array([1, 2, 3]) })
      .execute()
    expect(await generation()).toBe(before)
    await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { instrument: 'Act' },
      actorId: gov.id,
    })
    expect(BigInt(await generation())).toBe(BigInt(before) + 1n)
    expect(await SignoffRepository.findStaleCompletion(db)).toContain(plan.id)
  })

  it('never lets an evaluation that started earlier overwrite a later one', async () => {
    const { plan, gov } = await tripartitePlan()
    const generation = async () => (await SignoffRepository.findContentGenerations(db, [plan.id])).get(plan.id)!
    const store = (complete: boolean, g: string) =>
      SignoffRepository.storeEvaluatedCompletions(db, [
        { planId: plan.id, generation: g, complete: [{ substep: '1.1', complete }] },
      ])
    await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { instrument: 'Act' },
      actorId: gov.id,
    })
    const early = await generation()
    // A change after the early evaluation read its generation, then a later evaluation stores first.
    await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { instrument: 'Code' },
      actorId: gov.id,
    })
    const late = await generation()
    expect(await store(true, late)).toEqual([plan.id])
    expect(await SignoffRepository.findStaleCompletion(db)).not.toContain(plan.id)
    expect(await store(false, early)).toEqual([])
    expect([...(await SignoffRepository.findCompletion(db, [plan.id])).get(plan.id)!]).toEqual(['1.1'])
    // An evaluation of what is already stored changes nothing either.
    expect(await store(false, late)).toEqual([])
  })
})
