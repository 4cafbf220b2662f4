import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { addMember, createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import * as layout from './plans.$planId.tsx'
import { action, loader } from './plans.$planId.members.tsx'

const db = getDb()

async function planWithLead() {
  const { user: lead, cookie } = await createUserWithSession(db)
  const plan = await createPlan(db, lead.id, { countryCode: 'PH' })
  return { lead, cookie, plan }
}

const post = (planId: string, cookie: string, form: Record<string, string | string[]> | undefined, body?: string) =>
  call(() =>
    action(
      args(
        makeRequest(`/plans/${planId}/members`, {
          cookie,
          form,
          body,
          headers: body ? { 'Content-Type': 'application/json' } : {},
        }),
        { planId },
      ),
    ),
  )
const page = (planId: string, cookie: string) =>
  call(() => loader(args(makeRequest(`/plans/${planId}/members`, { cookie }), { planId })))
const team = async (planId: string) =>
  (await MemberRepository.findByPlan(db, planId)).map((m) => [m.user_id, m.role]).sort()
// The role the lead saw when the change-role form was shown (ADR 036).
const was = (role: string) => JSON.stringify({ role })

describe('adding members', () => {
  it('offers and adds people from the plan’s country and the ILO only', async () => {
    const { cookie, plan } = await planWithLead()
    const local = await createUser(db, { constituency: 'workers' })
    const ilo = await createUser(db, { constituency: 'ilo' })
    const foreignOrg = await createOrganisation(db, { constituency: 'employers', countryCode: 'ID' })
    const foreign = await createUser(db, { organisationId: foreignOrg.id })
    const candidates = (await page(plan.id, cookie)).data.candidates.map((c: { id: string }) => c.id).sort()
    expect(candidates).toEqual([local.id, ilo.id].sort())
    expect((await post(plan.id, cookie, { intent: 'add', userId: local.id, role: 'coauthor' })).status).toBe(200)
    expect((await post(plan.id, cookie, { intent: 'add', userId: ilo.id, role: 'viewer' })).status).toBe(200)
    const refused = await post(plan.id, cookie, { intent: 'add', userId: foreign.id, role: 'viewer' })
    expect(refused.status).toBe(400)
    expect(refused.data.result.error).toEqual({ userId: ['team.errors.unknownUser'] })
    expect(await MemberRepository.findRole(db, plan.id, local.id)).toBe('coauthor')
    expect(await MemberRepository.findRole(db, plan.id, ilo.id)).toBe('viewer')
    expect(await MemberRepository.findRole(db, plan.id, foreign.id)).toBeNull()
  })

  it('refuses an unknown, deactivated or already present person with 400 on the user field', async () => {
    const { lead, cookie, plan } = await planWithLead()
    const inactive = await createUser(db)
    await db.updateTable('users').set({ is_active: false }).where('id', '=', inactive.id).execute()
    for (const userId of [randomUUID(), inactive.id, lead.id]) {
      const res = await post(plan.id, cookie, { intent: 'add', userId, role: 'viewer' })
      expect(res.status).toBe(400)
      expect(res.data.result.error).toEqual({ userId: ['team.errors.unknownUser'] })
    }
    expect(await team(plan.id)).toEqual([[lead.id, 'lead']])
  })

  it('records the addition in the plan history', async () => {
    const { cookie, plan } = await planWithLead()
    const person = await createUser(db)
    await post(plan.id, cookie, { intent: 'add', userId: person.id, role: 'contributor' })
    const history = await db
      .selectFrom('activity_events')
      .selectAll()
      .where('plan_id', '=', plan.id)
      .orderBy('id', 'desc')
      .execute()
    expect(history[0]).toMatchObject({
      action: 'member_added',
      entity_id: person.id,
      new_value: { role: 'contributor' },
    })
  })
})

describe('changing roles and removing members', () => {
  it('changes a member’s role', async () => {
    const { lead, cookie, plan } = await planWithLead()
    const person = await createUser(db)
    await addMember(db, plan.id, person.id, 'viewer', lead.id)
    expect(
      (await post(plan.id, cookie, { intent: 'change-role', userId: person.id, role: 'coauthor', base: was('viewer') }))
        .status,
    ).toBe(200)
    expect(await MemberRepository.findRole(db, plan.id, person.id)).toBe('coauthor')
  })

  it('refuses to change the role of someone who is not on the plan, without adding them', async () => {
    const { cookie, plan } = await planWithLead()
    const outsider = await createUser(db)
    const res = await post(plan.id, cookie, { intent: 'change-role', userId: outsider.id, role: 'lead' })
    expect(res.status).toBe(400)
    expect(res.data.result.error).toEqual({ userId: ['team.errors.notMember'] })
    expect(await MemberRepository.findRole(db, plan.id, outsider.id)).toBeNull()
  })

  it('removes a member, who then gets 404 on their next request', async () => {
    const { lead, cookie, plan } = await planWithLead()
    const { user: person, cookie: personCookie } = await createUserWithSession(db)
    await addMember(db, plan.id, person.id, 'coauthor', lead.id)
    expect((await page(plan.id, personCookie)).status).toBe(200)
    expect((await post(plan.id, cookie, { intent: 'remove', userId: person.id })).status).toBe(200)
    expect((await page(plan.id, personCookie)).status).toBe(404)
    expect(
      (
        await call(() =>
          layout.loader(args(makeRequest(`/plans/${plan.id}`, { cookie: personCookie }), { planId: plan.id })),
        )
      ).status,
    ).toBe(404)
    expect((await post(plan.id, cookie, { intent: 'remove', userId: person.id })).status).toBe(400)
  })

  it('refuses to remove or demote the last lead, with a form error', async () => {
    const { lead, cookie, plan } = await planWithLead()
    const remove = await post(plan.id, cookie, { intent: 'remove', userId: lead.id })
    expect(remove.status).toBe(400)
    expect(remove.data.result.error).toEqual({ '': ['team.errors.lastLead'] })
    const demote = await post(plan.id, cookie, {
      intent: 'change-role',
      userId: lead.id,
      role: 'coauthor',
      base: was('lead'),
    })
    expect(demote.status).toBe(400)
    expect(demote.data.result.error).toEqual({ '': ['team.errors.lastLead'] })
    expect(await team(plan.id)).toEqual([[lead.id, 'lead']])
  })

  it('lets a lead step down once another lead exists', async () => {
    const { lead, cookie, plan } = await planWithLead()
    const successor = await createUser(db)
    await post(plan.id, cookie, { intent: 'add', userId: successor.id, role: 'lead' })
    expect(
      (await post(plan.id, cookie, { intent: 'change-role', userId: lead.id, role: 'viewer', base: was('lead') }))
        .status,
    ).toBe(200)
    expect(await team(plan.id)).toEqual(
      [
        [lead.id, 'viewer'],
        [successor.id, 'lead'],
      ].sort(),
    )
    // No longer a lead: managing the team is now refused.
    expect((await post(plan.id, cookie, { intent: 'change-role', userId: lead.id, role: 'lead' })).status).toBe(403)
  })

  it('keeps one lead when two leads demote each other at the same moment', async () => {
    const { user: a, cookie: aCookie } = await createUserWithSession(db)
    const { user: b, cookie: bCookie } = await createUserWithSession(db)
    const plan = await createPlan(db, a.id)
    await addMember(db, plan.id, b.id, 'lead', a.id)
    const results = await Promise.all([
      post(plan.id, aCookie, { intent: 'change-role', userId: b.id, role: 'viewer', base: was('lead') }),
      post(plan.id, bCookie, { intent: 'change-role', userId: a.id, role: 'viewer', base: was('lead') }),
    ])
    // Whichever runs second is refused: as the last lead (400) or as no longer a lead (403).
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.map((r) => r.status)).toEqual(
      expect.arrayContaining([expect.toSatisfy((s: number) => s === 400 || s === 403)]),
    )
    const roles = (await team(plan.id)).map(([, role]) => role)
    expect(roles.filter((r) => r === 'lead')).toHaveLength(1)
  })
})

describe('two leads changing the same role', () => {
  it('refuses a change made on a role someone else changed since, with both roles, and keeps theirs', async () => {
    const { user: a, cookie: aCookie } = await createUserWithSession(db, { name: 'Ratna Wijaya' })
    const { user: b, cookie: bCookie } = await createUserWithSession(db)
    const plan = await createPlan(db, a.id)
    await addMember(db, plan.id, b.id, 'lead', a.id)
    const person = await createUser(db)
    await addMember(db, plan.id, person.id, 'viewer', a.id)
    expect(
      (
        await post(plan.id, aCookie, {
          intent: 'change-role',
          userId: person.id,
          role: 'coauthor',
          base: was('viewer'),
        })
      ).status,
    ).toBe(200)
    const res = await post(plan.id, bCookie, {
      intent: 'change-role',
      userId: person.id,
      role: 'contributor',
      base: was('viewer'),
    })
    expect(res.status).toBe(409)
    expect(res.data.conflict).toMatchObject({
      fields: ['role'],
      data: { role: 'coauthor' },
      merged: { role: 'contributor' },
      by: 'Ratna Wijaya',
    })
    expect(await MemberRepository.findRole(db, plan.id, person.id)).toBe('coauthor')
    // Without the role it was shown, a change is refused too.
    expect(
      (await post(plan.id, bCookie, { intent: 'change-role', userId: person.id, role: 'contributor' })).status,
    ).toBe(409)
    expect(
      (
        await post(plan.id, bCookie, {
          intent: 'change-role',
          userId: person.id,
          role: 'contributor',
          base: was('coauthor'),
        })
      ).status,
    ).toBe(200)
  })
})

describe('team changes racing each other', () => {
  it('never brings back a member whose role is changed while they are removed', async () => {
    const { lead, cookie, plan } = await planWithLead()
    const person = await createUser(db)
    await addMember(db, plan.id, person.id, 'viewer', lead.id)
    const [removed, changed] = await Promise.all([
      post(plan.id, cookie, { intent: 'remove', userId: person.id }),
      post(plan.id, cookie, { intent: 'change-role', userId: person.id, role: 'coauthor', base: was('viewer') }),
    ])
    expect(removed.status).toBe(200)
    expect([200, 400]).toContain(changed.status)
    expect(await MemberRepository.findRole(db, plan.id, person.id)).toBeNull()
  })

  it('refuses, inside the team lock, a role change for someone no longer on the team', async () => {
    const { lead, plan } = await planWithLead()
    const person = await createUser(db)
    await expect(
      MemberRepository.upsert(db, {
        planId: plan.id,
        userId: person.id,
        role: 'coauthor',
        actorId: lead.id,
        existing: true,
      }),
    ).rejects.toBeInstanceOf(MemberRepository.NotMemberError)
    expect(await MemberRepository.findRole(db, plan.id, person.id)).toBeNull()
  })
})

describe('bad input to the team form', () => {
  it.each<[string, Record<string, string | string[]> | undefined, string | undefined]>([
    ['no intent', { userId: randomUUID(), role: 'viewer' }, undefined],
    ['an unknown intent', { intent: 'promote-all', userId: randomUUID() }, undefined],
    ['two intents', { intent: ['add', 'remove'], userId: randomUUID(), role: 'viewer' }, undefined],
    ['a malformed user id', { intent: 'remove', userId: "' OR 1=1 --" }, undefined],
    ['two user ids', { intent: 'remove', userId: [randomUUID(), randomUUID()] }, undefined],
    ['an unknown role', { intent: 'add', userId: randomUUID(), role: 'owner' }, undefined],
    ['a missing role', { intent: 'change-role', userId: randomUUID() }, undefined],
    ['an empty body', {}, undefined],
    ['a JSON body', undefined, JSON.stringify({ intent: 'remove', userId: randomUUID() })],
    ['malformed JSON', undefined, '{"intent": "remove", '],
  ])('answers 4xx to %s and changes nothing', async (_label, form, body) => {
    const { lead, cookie, plan } = await planWithLead()
    const res = await post(plan.id, cookie, form, body)
    // A body that is not a form is refused as such (415); a form that fails validation is a 400.
    expect(res.status).toBe(body === undefined ? 400 : 415)
    expect(await team(plan.id)).toEqual([[lead.id, 'lead']])
  })
})

describe('administrators and a plan’s team', () => {
  const activityOf = (planId: string) =>
    db
      .selectFrom('activity_events')
      .select(['action', 'new_value', 'actor_id'])
      .where('plan_id', '=', planId)
      .where('entity_type', '=', 'member')
      .orderBy('id')
      .execute()

  it('cannot take over a plan whose lead can sign in, not even as a viewer on it', async () => {
    const { plan } = await planWithLead()
    const { user: admin, cookie } = await createUserWithSession(db, { globalRole: 'admin', constituency: 'ilo' })
    const before = await team(plan.id)
    const view = await page(plan.id, cookie)
    expect(view.status).toBe(200)
    expect(view.data).toMatchObject({ canManage: false, byAdministrator: false, candidates: [] })
    expect((await post(plan.id, cookie, { intent: 'add', userId: admin.id, role: 'lead' })).status).toBe(403)
    expect(await team(plan.id)).toEqual(before)

    await MemberRepository.upsert(db, { planId: plan.id, userId: admin.id, role: 'viewer', actorId: admin.id })
    expect((await post(plan.id, cookie, { intent: 'change-role', userId: admin.id, role: 'lead' })).status).toBe(403)
    expect(await MemberRepository.findRole(db, plan.id, admin.id)).toBe('viewer')
  })

  it('appoints a new lead once no lead can sign in, and the history says an administrator did it', async () => {
    const { lead, plan } = await planWithLead()
    const coauthor = await createUser(db, { constituency: 'workers' })
    await addMember(db, plan.id, coauthor.id, 'coauthor', lead.id)
    await UserRepository.updateActive(db, lead.id, false)
    const { user: admin, cookie } = await createUserWithSession(db, { globalRole: 'admin', constituency: 'ilo' })

    const view = await page(plan.id, cookie)
    expect(view.data).toMatchObject({ canManage: true, byAdministrator: true })
    expect(view.data.candidates.map((c: { id: string }) => c.id)).toContain(admin.id)
    expect(
      (await post(plan.id, cookie, { intent: 'change-role', userId: coauthor.id, role: 'lead', base: was('coauthor') }))
        .status,
    ).toBe(200)
    expect(await MemberRepository.findRole(db, plan.id, coauthor.id)).toBe('lead')
    expect((await activityOf(plan.id)).at(-1)).toMatchObject({
      action: 'role_changed',
      actor_id: admin.id,
      new_value: { role: 'lead', byAdministrator: true },
    })

    // The team has an active lead again: the administrator is back to reading it.
    expect((await page(plan.id, cookie)).data).toMatchObject({ canManage: false, byAdministrator: false })
    expect((await post(plan.id, cookie, { intent: 'add', userId: admin.id, role: 'lead' })).status).toBe(403)
  })

  it('may appoint themselves lead of a plan without an active lead, recorded as such', async () => {
    const { lead, plan } = await planWithLead()
    await UserRepository.updateActive(db, lead.id, false)
    const { user: admin, cookie } = await createUserWithSession(db, { globalRole: 'admin', constituency: 'ilo' })
    expect((await post(plan.id, cookie, { intent: 'add', userId: admin.id, role: 'lead' })).status).toBe(200)
    expect(await MemberRepository.findRole(db, plan.id, admin.id)).toBe('lead')
    expect((await activityOf(plan.id)).at(-1)).toMatchObject({
      action: 'member_added',
      actor_id: admin.id,
      new_value: { role: 'lead', byAdministrator: true },
    })
    // Now a lead in their own right, their further changes are ordinary ones.
    expect((await post(plan.id, cookie, { intent: 'remove', userId: lead.id })).status).toBe(200)
    expect((await activityOf(plan.id)).at(-1)).toMatchObject({ action: 'member_removed', new_value: null })
  })

  it('is refused to a member without the lead role even when the plan has no active lead', async () => {
    const { lead, plan } = await planWithLead()
    const { user: coauthor, cookie } = await createUserWithSession(db, { constituency: 'workers' })
    await addMember(db, plan.id, coauthor.id, 'coauthor', lead.id)
    await UserRepository.updateActive(db, lead.id, false)
    expect((await post(plan.id, cookie, { intent: 'change-role', userId: coauthor.id, role: 'lead' })).status).toBe(403)
  })
})
