import { describe, expect, it } from 'vitest'
import { addMember, createPlan } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { getDb } from '#app/utils/db.server.ts'
import { action } from '#app/routes/plans.$planId.steps.$substep.tsx'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'

// A delete carries the version and the values the person saw. Someone's change since is never
// deleted unseen: the delete is refused with 409, what changed and who changed it, and the person
// may then delete the item as it is now (ADR 036). Route level.

const db = getDb()

async function twoPeople() {
  const budi = await createUserWithSession(db, { name: 'Budi Hartono' })
  const claire = await createUserWithSession(db)
  const plan = await createPlan(db, budi.user.id)
  await addMember(db, plan.id, claire.user.id, 'coauthor', budi.user.id)
  const data = { name: 'Labour force survey', sourceType: 'other', owner: 'Statistics office', coverage: 'National' }
  const item = await ItemRepository.insert(db, {
    planId: plan.id,
    kind: 'data_source',
    refPrefix: 'D',
    data,
    actorId: budi.user.id,
  })
  const post = (cookie: string, form: Record<string, string>) =>
    call(() =>
      action(
        args(makeRequest(`/plans/${plan.id}/steps/1.3`, { cookie, form: { formId: `row-${item.id}`, ...form } }), {
          planId: plan.id,
          substep: '1.3',
        }),
      ),
    )
  // Claire's page shows version 1; this is the delete it posts.
  const deleteAsSeen = (extra: Record<string, string> = {}) =>
    post(claire.cookie, { intent: 'item:delete', id: item.id, version: '1', base: JSON.stringify(data), ...extra })
  const stored = () => ItemRepository.findById(db, plan.id, item.id)
  return { budi, claire, plan, item, data, post, deleteAsSeen, stored }
}

describe('a delete on a stale version', () => {
  it('is refused with what changed and by whom, and "Delete anyway" deletes the item as it is now', async () => {
    const { budi, item, data, post, deleteAsSeen, stored } = await twoPeople()
    const edit = await post(budi.cookie, {
      intent: 'item:update',
      kind: 'data_source',
      id: item.id,
      version: '1',
      base: JSON.stringify(data),
      ...data,
      coverage: 'Three provinces',
    })
    expect(edit.status).toBe(200)

    const refused = await deleteAsSeen()
    expect(refused.status).toBe(409)
    expect(refused.data.conflict).toMatchObject({
      version: 2,
      fields: ['coverage'],
      base: { coverage: 'National' },
      data: { coverage: 'Three provinces' },
      by: 'Budi Hartono',
    })
    expect((await stored())?.data.coverage).toBe('Three provinces')

    // "Delete anyway": the item as it is now.
    const confirmed = await deleteAsSeen({
      version: String(refused.data.conflict.version),
      base: JSON.stringify(refused.data.conflict.data),
    })
    expect(confirmed.status).toBe(200)
    expect(await stored()).toBeUndefined()
  })

  it('deletes when nothing the person saw has changed (a save that kept every value)', async () => {
    const { budi, item, data, deleteAsSeen, stored } = await twoPeople()
    await ItemRepository.update(db, {
      planId: item.plan_id,
      id: item.id,
      expectedVersion: 1,
      data,
      actorId: budi.user.id,
    })
    expect((await deleteAsSeen()).status).toBe(200)
    expect(await stored()).toBeUndefined()
  })

  it('is refused whole without the values the person saw, and keeps the item', async () => {
    const { budi, item, data, deleteAsSeen, stored } = await twoPeople()
    await ItemRepository.update(db, {
      planId: item.plan_id,
      id: item.id,
      expectedVersion: 1,
      data: { ...data, owner: 'Ministry of Manpower' },
      actorId: budi.user.id,
    })
    const refused = await deleteAsSeen({ base: '' })
    expect(refused.status).toBe(409)
    expect(refused.data.conflict).toMatchObject({ version: 2, fields: [], by: 'Budi Hartono' })
    expect((await stored())?.data.owner).toBe('Ministry of Manpower')
  })

  it('answers 404 when someone deleted the item meanwhile', async () => {
    const { budi, item, deleteAsSeen } = await twoPeople()
    await ItemRepository.deleteById(db, {
      planId: item.plan_id,
      id: item.id,
      expectedVersion: 1,
      actorId: budi.user.id,
    })
    expect((await deleteAsSeen()).status).toBe(404)
  })
})
