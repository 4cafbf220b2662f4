import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '../client.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as MemberRepository from './members.ts'
import * as ActivityRepository from './activity.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

describe('members repository', () => {
  it('makes the creator of a plan its lead', async () => {
    const lead = await createUser(db)
    const plan = await createPlan(db, lead.id)
    expect(await MemberRepository.findRole(db, plan.id, lead.id)).toBe('lead')
  })

  it('returns null for a user who is not a member', async () => {
    const lead = await createUser(db)
    const stranger = await createUser(db)
    const plan = await createPlan(db, lead.id)
    expect(await MemberRepository.findRole(db, plan.id, stranger.id)).toBeNull()
  })

  it('refuses to remove or demote the last lead', async () => {
    const lead = await createUser(db)
    const plan = await createPlan(db, lead.id)
    await expect(
      MemberRepository.remove(db, { planId: plan.id, userId: lead.id, actorId: lead.id }),
    ).rejects.toBeInstanceOf(MemberRepository.LastLeadError)
    await expect(
      MemberRepository.upsert(db, { planId: plan.id, userId: lead.id, role: 'viewer', actorId: lead.id }),
    ).rejects.toBeInstanceOf(MemberRepository.LastLeadError)
    expect(await MemberRepository.findRole(db, plan.id, lead.id)).toBe('lead')
  })

  it('changes a role and records old and new value in the history', async () => {
    const lead = await createUser(db)
    const other = await createUser(db, { constituency: 'workers' })
    const plan = await createPlan(db, lead.id)
    await addMember(db, plan.id, other.id, 'viewer', lead.id)
    await MemberRepository.upsert(db, { planId: plan.id, userId: other.id, role: 'coauthor', actorId: lead.id })
    const [latest] = await ActivityRepository.findRecentByPlan(db, plan.id)
    expect(latest).toMatchObject({
      action: 'role_changed',
      old_value: { role: 'viewer' },
      new_value: { role: 'coauthor' },
    })
    const team = await MemberRepository.findByPlan(db, plan.id)
    expect(team.map((m) => m.constituency).sort()).toEqual(['government', 'workers'])
  })

  it('removal takes effect immediately', async () => {
    const lead = await createUser(db)
    const other = await createUser(db)
    const plan = await createPlan(db, lead.id)
    await addMember(db, plan.id, other.id, 'coauthor', lead.id)
    expect(await MemberRepository.remove(db, { planId: plan.id, userId: other.id, actorId: lead.id })).toBe(true)
    expect(await MemberRepository.findRole(db, plan.id, other.id)).toBeNull()
  })
})
