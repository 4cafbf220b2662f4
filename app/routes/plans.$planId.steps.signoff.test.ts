import { describe, expect, it } from 'vitest'
import { addMember, createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { buildPlanDocument } from '../exports/plan-document.server.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as dashboardLoader } from './dashboard.tsx'
import { loader as overviewLoader } from './plans.$planId._index.tsx'
import { action, loader } from './plans.$planId.steps.$substep.tsx'

const db = getDb()

async function tripartiteTeam() {
  const { user: lead, cookie: leadCookie } = await createUserWithSession(db)
  const plan = await createPlan(db, lead.id)
  const member = async (constituency: 'workers' | 'employers' | 'ilo', role: 'coauthor' | 'contributor' | 'viewer') => {
    const user = await createUser(db, { organisationId: (await createOrganisation(db, { constituency })).id })
    await addMember(db, plan.id, user.id, role, lead.id)
    return { user, cookie: await sessionCookieFor(user.id) }
  }
  const union = await member('workers', 'coauthor')
  const employer = await member('employers', 'contributor')
  const viewer = await member('ilo', 'viewer')
  const { cookie: reviewerCookie } = await createUserWithSession(db, {
    constituency: 'ilo',
    globalRole: 'ilo_reviewer',
  })
  return { plan, lead, leadCookie, union, employer, viewer, reviewerCookie }
}

const post = (planId: string, substep: string, cookie: string, form: Record<string, string>) =>
  call(() => action(args(makeRequest(`/plans/${planId}/steps/${substep}`, { cookie, form }), { planId, substep })))
const page = async (planId: string, substep: string, cookie: string) =>
  (await call(() => loader(args(makeRequest(`/plans/${planId}/steps/${substep}`, { cookie }), { planId, substep }))))
    .data

describe('signing off a sub-step', () => {
  it('shows a sub-step agreed once every constituency on the team has agreed, with who and when', async () => {
    const t = await tripartiteTeam()
    expect((await post(t.plan.id, '1.1', t.leadCookie, { intent: 'signoff.agree' })).status).toBe(200)
    expect((await post(t.plan.id, '1.1', t.union.cookie, { intent: 'signoff.agree' })).status).toBe(200)
    expect((await page(t.plan.id, '1.1', t.leadCookie)).signoff.agreement).toBe('partial')
    expect((await post(t.plan.id, '1.1', t.employer.cookie, { intent: 'signoff.agree' })).status).toBe(200)
    const { signoff } = await page(t.plan.id, '1.1', t.employer.cookie)
    expect(signoff).toMatchObject({ agreement: 'agreed', complete: false, mine: 'employers' })
    expect(
      signoff.entries.map((e: { constituency: string; signoff: { name: string } }) => [e.constituency, e.signoff.name]),
    ).toEqual([
      ['government', t.lead.name],
      ['workers', t.union.user.name],
      ['employers', t.employer.user.name],
    ])
  })

  it('requires a reason for a reservation and counts a reservation as signing off', async () => {
    const t = await tripartiteTeam()
    const refused = await post(t.plan.id, '2.1', t.union.cookie, { intent: 'signoff.reserve', reason: '   ' })
    expect(refused.status).toBe(400)
    expect(refused.data.signoff.error.reason).toEqual(['signoff.errors.reasonRequired'])
    expect(
      (await page(t.plan.id, '2.1', t.leadCookie)).signoff.entries.every(
        (e: { signoff: unknown }) => e.signoff === null,
      ),
    ).toBe(true)
    expect(
      (
        await post(t.plan.id, '2.1', t.union.cookie, {
          intent: 'signoff.reserve',
          reason: 'Seasonal workers are left out',
        })
      ).status,
    ).toBe(200)
    await post(t.plan.id, '2.1', t.leadCookie, { intent: 'signoff.agree' })
    await post(t.plan.id, '2.1', t.employer.cookie, { intent: 'signoff.agree' })
    const { signoff } = await page(t.plan.id, '2.1', t.leadCookie)
    expect(signoff.agreement).toBe('agreed')
    expect(signoff.entries.find((e: { constituency: string }) => e.constituency === 'workers').signoff).toMatchObject({
      decision: 'reserve',
      reason: 'Seasonal workers are left out',
    })
  })

  it('refuses viewers, reviewers and anyone outside the team, and lets a member withdraw', async () => {
    const t = await tripartiteTeam()
    expect((await post(t.plan.id, '1.2', t.viewer.cookie, { intent: 'signoff.agree' })).status).toBe(403)
    expect((await post(t.plan.id, '1.2', t.reviewerCookie, { intent: 'signoff.agree' })).status).toBe(403)
    const { cookie: stranger } = await createUserWithSession(db, { constituency: 'workers' })
    expect((await post(t.plan.id, '1.2', stranger, { intent: 'signoff.agree' })).status).toBe(404)
    await post(t.plan.id, '1.2', t.employer.cookie, { intent: 'signoff.agree' })
    expect((await post(t.plan.id, '1.2', t.employer.cookie, { intent: 'signoff.withdraw' })).status).toBe(200)
    expect((await page(t.plan.id, '1.2', t.leadCookie)).signoff.agreement).toBe('none')
  })

  it('makes an agreed sub-step stale when its content changes, until re-agreed', async () => {
    const t = await tripartiteTeam()
    const item = await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'data_source',
      refPrefix: 'D',
      data: { name: 'Inspection records', quality: 'high' },
      actorId: t.lead.id,
    })
    for (const cookie of [t.leadCookie, t.union.cookie, t.employer.cookie])
      await post(t.plan.id, '1.3', cookie, { intent: 'signoff.agree' })
    expect((await page(t.plan.id, '1.3', t.leadCookie)).signoff.agreement).toBe('agreed')
    await ItemRepository.update(db, {
      planId: t.plan.id,
      id: item.id,
      expectedVersion: item.version,
      data: { name: 'Inspection records 2025', quality: 'high' },
      actorId: t.union.user.id,
    })
    const { signoff } = await page(t.plan.id, '1.3', t.leadCookie)
    expect(signoff.agreement).toBe('stale')
    expect(signoff.entries.every((e: { signoff: { staleAt: string | null } }) => e.signoff.staleAt !== null)).toBe(true)
    const overview = (
      await call(() =>
        overviewLoader(args(makeRequest(`/plans/${t.plan.id}`, { cookie: t.leadCookie }), { planId: t.plan.id })),
      )
    ).data
    expect(overview.counts).toMatchObject({ agreed: 0, stale: 1 })
    expect(
      overview.activity.some(
        (e: { entity_type: string; action: string }) => e.entity_type === 'signoff' && e.action === 'stale',
      ),
    ).toBe(true)
    for (const cookie of [t.leadCookie, t.union.cookie, t.employer.cookie])
      await post(t.plan.id, '1.3', cookie, { intent: 'signoff.agree' })
    expect((await page(t.plan.id, '1.3', t.leadCookie)).signoff.agreement).toBe('agreed')
  })

  it('gives the same complete and agreed counts on the overview, the dashboard and the exported plan', async () => {
    const t = await tripartiteTeam()
    await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'data_source',
      refPrefix: 'D',
      data: { name: 'Inspection records', quality: 'high' },
      actorId: t.lead.id,
    })
    for (const cookie of [t.leadCookie, t.union.cookie, t.employer.cookie]) {
      await post(t.plan.id, '1.3', cookie, { intent: 'signoff.agree' })
      await post(t.plan.id, '4.1', cookie, { intent: 'signoff.agree' })
    }
    await post(t.plan.id, '2.1', t.leadCookie, { intent: 'signoff.agree' })
    const overview = (
      await call(() =>
        overviewLoader(args(makeRequest(`/plans/${t.plan.id}`, { cookie: t.leadCookie }), { planId: t.plan.id })),
      )
    ).data
    expect(overview.counts).toEqual({ total: 16, complete: 1, agreed: 2, stale: 0 })
    const dashboard = (
      await call(() => dashboardLoader(args(makeRequest('/dashboard?sort=title', { cookie: t.reviewerCookie }))))
    ).data
    expect(dashboard.rows.find((r: { id: string }) => r.id === t.plan.id)).toMatchObject({
      substepsComplete: 1,
      substepsAgreed: 2,
      substepsStale: 0,
    })
    const document = (await buildPlanDocument(db, t.plan.id, { lang: 'en' }))!
    const facts = document.sections[0]!.blocks.flatMap((b) => (b.type === 'facts' ? b.items : []))
    expect(facts).toContainEqual({
      label: 'Agreement of the constituencies',
      value: 'Sub-steps complete: 1 of 16 · agreed: 2 of 16',
    })
  })
})
