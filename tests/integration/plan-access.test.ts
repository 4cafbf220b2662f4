import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as MemberRepository from '#db/repositories/members.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { getDb } from '#app/utils/db.server.ts'
import * as layout from '#app/routes/plans.$planId.tsx'
import * as overview from '#app/routes/plans.$planId._index.tsx'
import * as members from '#app/routes/plans.$planId.members.tsx'
import * as edit from '#app/routes/plans.$planId.edit.tsx'
import * as steps from '#app/routes/plans.$planId.steps.$substep.tsx'
import { args, call, createUserWithSession, makeRequest, type RouteResult } from '#tests/utils.ts'

const db = getDb()
const TITLE = 'Confidential plan on plantation casual labour'

async function setup() {
  const lead = await createUser(db)
  const plan = await createPlan(db, lead.id, { title: TITLE })
  return { lead, plan }
}

/** Every plan-scoped loader, and the actions, as one user would reach them. */
function planRoutes(planId: string, cookie: string) {
  const base = `/plans/${planId}`
  const get = (path: string) => makeRequest(`${base}${path}`, { cookie })
  return {
    layout: () => call(() => layout.loader(args(get(''), { planId }))),
    overview: () => call(() => overview.loader(args(get(''), { planId }))),
    members: () => call(() => members.loader(args(get('/members'), { planId }))),
    editLoader: () => call(() => edit.loader(args(get('/edit'), { planId }))),
    step: () => call(() => steps.loader(args(get('/steps/1.1'), { planId, substep: '1.1' }))),
    membersAction: (form: Record<string, string>) =>
      call(() => members.action(args(makeRequest(`${base}/members`, { cookie, form }), { planId }))),
    editAction: (form: Record<string, string | string[]>) =>
      call(() => edit.action(args(makeRequest(`${base}/edit`, { cookie, form }), { planId }))),
  }
}

const validEdit = (version: number) => ({
  title: 'Renamed',
  countryCode: 'PH',
  sectors: ['A'],
  scope: 'national',
  startDate: '2026-01-01',
  endDate: '2027-01-01',
  workingLanguage: 'en',
  version: String(version),
})

function expectNotFoundWithoutLeak(res: RouteResult) {
  expect(res.status).toBe(404)
  expect(JSON.stringify(res.data)).not.toContain(TITLE)
}

describe('plan routes for someone who is not on the plan', () => {
  it('answer 404 on every loader and action, never the plan data', async () => {
    const { plan } = await setup()
    const { user: candidate } = await createUserWithSession(db)
    const { cookie } = await createUserWithSession(db)
    const r = planRoutes(plan.id, cookie)
    for (const res of [await r.layout(), await r.overview(), await r.members(), await r.editLoader(), await r.step()]) {
      expectNotFoundWithoutLeak(res)
    }
    expectNotFoundWithoutLeak(await r.membersAction({ intent: 'add', userId: candidate.id, role: 'lead' }))
    expectNotFoundWithoutLeak(await r.editAction(validEdit(1)))
    expect(await MemberRepository.findRole(db, plan.id, candidate.id)).toBeNull()
    const stored = await db.selectFrom('plans').select('title').where('id', '=', plan.id).executeTakeFirstOrThrow()
    expect(stored.title).toBe(TITLE)
  })

  it('answer 404 for a malformed or unknown plan id', async () => {
    const { cookie } = await createUserWithSession(db, { globalRole: 'admin' })
    for (const planId of ['not-a-uuid', "1' OR '1'='1", randomUUID(), 'x'.repeat(5000)]) {
      const r = planRoutes(planId, cookie)
      expect((await r.layout()).status).toBe(404)
      expect((await r.members()).status).toBe(404)
      expect((await r.editLoader()).status).toBe(404)
      expect((await r.step()).status).toBe(404)
      expect((await r.membersAction({ intent: 'remove', userId: randomUUID() })).status).toBe(404)
    }
  })

  it('redirect signed-out visitors to the sign-in page and back', async () => {
    const { plan } = await setup()
    const res = await call(() =>
      members.loader(args(makeRequest(`/plans/${plan.id}/members?tab=1`), { planId: plan.id })),
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe(`/login?redirectTo=${encodeURIComponent(`/plans/${plan.id}/members?tab=1`)}`)
    const post = await call(() =>
      edit.action(args(makeRequest(`/plans/${plan.id}/edit`, { form: validEdit(1) }), { planId: plan.id })),
    )
    expect(post.status).toBe(302)
    expect(post.location).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('plan routes by plan role', () => {
  it('give a viewer read access but 403 on managing members or editing details', async () => {
    const { lead, plan } = await setup()
    const { user: viewer, cookie } = await createUserWithSession(db)
    await addMember(db, plan.id, viewer.id, 'viewer', lead.id)
    const r = planRoutes(plan.id, cookie)
    const read = await r.layout()
    expect(read.status).toBe(200)
    expect(read.data.plan.title).toBe(TITLE)
    expect(read.data.role).toBe('viewer')
    expect((await r.members()).data.canManage).toBe(false)
    expect((await r.members()).data.candidates).toEqual([])
    expect((await r.step()).status).toBe(200)
    expect((await r.editLoader()).status).toBe(403)
    expect((await r.membersAction({ intent: 'change-role', userId: viewer.id, role: 'lead' })).status).toBe(403)
    expect((await r.editAction(validEdit(1))).status).toBe(403)
    expect(await MemberRepository.findRole(db, plan.id, viewer.id)).toBe('viewer')
  })

  it('let an ILO reviewer read any plan but not manage members or edit details', async () => {
    const { plan } = await setup()
    const candidate = await createUser(db)
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const r = planRoutes(plan.id, cookie)
    const read = await r.layout()
    expect(read.status).toBe(200)
    expect(read.data.role).toBeNull()
    expect(read.data.abilities['comment:create']).toBe(true)
    const overviewRes = await r.overview()
    expect(overviewRes.status).toBe(200)
    expect(overviewRes.data.team).toHaveLength(1)
    expect((await r.members()).data.canManage).toBe(false)
    expect((await r.step()).status).toBe(200)
    expect((await r.membersAction({ intent: 'add', userId: candidate.id, role: 'viewer' })).status).toBe(403)
    expect((await r.editLoader()).status).toBe(403)
    expect((await r.editAction(validEdit(1))).status).toBe(403)
    expect(await MemberRepository.findRole(db, plan.id, candidate.id)).toBeNull()
  })

  it('let an administrator repair the team of a plan whose leads cannot sign in, never a healthy one, and never edit its details', async () => {
    const { lead, plan } = await setup()
    const candidate = await createUser(db)
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin' })
    const r = planRoutes(plan.id, cookie)
    // A plan with a lead who can sign in is that lead's to manage (ADR 029).
    expect((await r.members()).data.canManage).toBe(false)
    expect((await r.membersAction({ intent: 'add', userId: candidate.id, role: 'coauthor' })).status).toBe(403)
    expect(await MemberRepository.findRole(db, plan.id, candidate.id)).toBeNull()

    await db.updateTable('users').set({ is_active: false }).where('id', '=', lead.id).execute()
    const page = await r.members()
    expect(page.data.canManage).toBe(true)
    expect(page.data.candidates.map((c: { id: string }) => c.id)).toContain(candidate.id)
    const added = await r.membersAction({ intent: 'add', userId: candidate.id, role: 'lead' })
    expect(added.status).toBe(200)
    expect(await MemberRepository.findRole(db, plan.id, candidate.id)).toBe('lead')
    expect((await r.editLoader()).status).toBe(403)
  })

  it('let a lead edit details and manage members', async () => {
    const { user: lead, cookie } = await createUserWithSession(db)
    const plan = await createPlan(db, lead.id, { title: TITLE })
    const candidate = await createUser(db)
    const r = planRoutes(plan.id, cookie)
    expect((await r.editLoader()).status).toBe(200)
    expect((await r.members()).data.canManage).toBe(true)
    expect((await r.membersAction({ intent: 'add', userId: candidate.id, role: 'viewer' })).status).toBe(200)
    expect((await r.editAction(validEdit(plan.version))).location).toBe(`/plans/${plan.id}`)
    const stored = await db.selectFrom('plans').select('title').where('id', '=', plan.id).executeTakeFirstOrThrow()
    expect(stored.title).toBe('Renamed')
  })

  it('apply a removal on the removed member’s very next request', async () => {
    const { lead, plan } = await setup()
    const { user: member, cookie } = await createUserWithSession(db)
    await addMember(db, plan.id, member.id, 'coauthor', lead.id)
    const r = planRoutes(plan.id, cookie)
    expect((await r.layout()).status).toBe(200)
    await MemberRepository.remove(db, { planId: plan.id, userId: member.id, actorId: lead.id })
    expectNotFoundWithoutLeak(await r.layout())
    expectNotFoundWithoutLeak(await r.overview())
    expectNotFoundWithoutLeak(await r.step())
  })

  it('answer 404 for an unknown sub-step code to a member', async () => {
    const { lead, plan } = await setup()
    const { user: member, cookie } = await createUserWithSession(db)
    await addMember(db, plan.id, member.id, 'viewer', lead.id)
    for (const substep of ['7.1', '1.4', '', '../1.1']) {
      const res = await call(() =>
        steps.loader(args(makeRequest(`/plans/${plan.id}/steps/x`, { cookie }), { planId: plan.id, substep })),
      )
      expect(res.status).toBe(404)
    }
  })
})
