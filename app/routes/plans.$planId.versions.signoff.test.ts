import { describe, expect, it } from 'vitest'
import { addMember, createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { loadVersionSource } from '../exports/plan-source.server.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as overviewLoader } from './plans.$planId._index.tsx'
import { action as reviewAction } from './plans.$planId.review.tsx'
import { action as stepAction } from './plans.$planId.steps.$substep.tsx'
import { loader as versionLoader } from './plans.$planId.versions.$number.tsx'
import { loader as versionPrintLoader } from './plans.$planId.versions.$number.print.ts'

// An approved version freezes the sub-steps' agreement as it stood at approval (ADR 037): its page
// and its exports show that, whatever the team signs off afterwards in a new draft.

const db = getDb()

async function tripartiteTeam() {
  const { user: lead, cookie: leadCookie } = await createUserWithSession(db, { constituency: 'government' })
  const plan = await createPlan(db, lead.id)
  const member = async (constituency: 'workers' | 'employers', role: 'coauthor' | 'contributor', acronym: string) => {
    const user = await createUser(db, { organisationId: (await createOrganisation(db, { constituency, acronym })).id })
    await addMember(db, plan.id, user.id, role, lead.id)
    return { user, cookie: await sessionCookieFor(user.id) }
  }
  const union = await member('workers', 'coauthor', 'FTU')
  const employer = await member('employers', 'contributor', 'EFE')
  const { cookie: reviewerCookie } = await createUserWithSession(db, {
    constituency: 'ilo',
    globalRole: 'ilo_reviewer',
    // Approving needs a session signed in with a second factor (ADR 064).
    secondFactor: true,
  })
  return { plan, lead, leadCookie, union, employer, reviewerCookie }
}

const sign = (planId: string, substep: string, cookie: string, form: Record<string, string>) =>
  call(() => stepAction(args(makeRequest(`/plans/${planId}/steps/${substep}`, { cookie, form }), { planId, substep })))
const transition = (planId: string, cookie: string, from: string, name: string, extra: Record<string, string> = {}) =>
  call(() =>
    reviewAction(
      args(makeRequest(`/plans/${planId}/review`, { cookie, form: { intent: 'transition', from, name, ...extra } }), {
        planId,
      }),
    ),
  )
const versionPage = async (planId: string, cookie: string) =>
  (
    await call(() =>
      versionLoader(args(makeRequest(`/plans/${planId}/versions/1`, { cookie }), { planId, number: '1' })),
    )
  ).data

type Entry = {
  constituency: string
  signoff: {
    decision: string
    reason: string | null
    name: string
    organisation: string
    staleAt: string | null
  } | null
}
type Substep = { code: string; complete: boolean; agreement: string; entries: Entry[] }

describe('an approved version’s sign-offs', () => {
  it('are frozen at approval: the version page and its exports show them, not later sign-offs in a new draft', async () => {
    const t = await tripartiteTeam()
    const mandate = { instrument: 'Labour Code', powerType: 'entry_inspection', limitsOrGaps: 'No night visits' }
    await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: mandate,
      actorId: t.lead.id,
    })
    // 1.1 (complete): agreed by all three, one with a reservation. 1.2: the employers' agreement went out of date.
    for (const [cookie, form] of [
      [t.leadCookie, { intent: 'signoff.agree' }],
      [t.union.cookie, { intent: 'signoff.reserve', reason: 'Seasonal workers are left out' }],
      [t.employer.cookie, { intent: 'signoff.agree' }],
    ] as const) {
      expect((await sign(t.plan.id, '1.1', cookie, form)).status).toBe(200)
    }
    expect((await sign(t.plan.id, '1.2', t.employer.cookie, { intent: 'signoff.agree' })).status).toBe(200)
    await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'resource',
      refPrefix: 'R',
      data: { resourceType: 'inspectors', description: 'Inspectors', quantity: 12 },
      actorId: t.lead.id,
    })

    expect((await transition(t.plan.id, t.leadCookie, 'draft', 'submit')).status).toBe(200)
    const approved = await transition(t.plan.id, t.reviewerCookie, 'in_review', 'approve', {
      overrideReason: 'Endorsed at the national workshop',
    })
    expect(approved.status).toBe(302)

    const atApproval = (await versionPage(t.plan.id, t.union.cookie)).signoff
    expect(atApproval.counts).toEqual({ total: 16, complete: 1, agreed: 1, stale: 1 })
    const s11 = atApproval.substeps.find((s: Substep) => s.code === '1.1')
    expect(s11).toMatchObject({ complete: true, agreement: 'agreed' })
    expect(
      s11.entries.map((e: Entry) => [e.constituency, e.signoff?.decision, e.signoff?.reason, e.signoff?.organisation]),
    ).toEqual([
      ['government', 'agree', null, expect.any(String)],
      ['workers', 'reserve', 'Seasonal workers are left out', 'FTU'],
      ['employers', 'agree', null, 'EFE'],
    ])
    const s12 = atApproval.substeps.find((s: Substep) => s.code === '1.2')
    expect(s12.agreement).toBe('stale')
    expect(s12.entries.find((e: Entry) => e.constituency === 'employers').signoff.staleAt).not.toBeNull()

    // A new draft: the union agrees after all, 1.1 changes (every agreement on it goes stale), the employers withdraw on 1.2.
    expect((await transition(t.plan.id, t.leadCookie, 'approved', 'revise')).status).toBe(200)
    expect((await sign(t.plan.id, '1.1', t.union.cookie, { intent: 'signoff.agree' })).status).toBe(200)
    await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { ...mandate, instrument: 'OSH Act' },
      actorId: t.lead.id,
    })
    expect((await sign(t.plan.id, '1.2', t.employer.cookie, { intent: 'signoff.withdraw' })).status).toBe(200)
    const live = (
      await call(() =>
        overviewLoader(args(makeRequest(`/plans/${t.plan.id}`, { cookie: t.leadCookie }), { planId: t.plan.id })),
      )
    ).data
    expect(live.counts).toMatchObject({ agreed: 0, stale: 1 })
    expect(live.agreement['1.2']).toBe('none')

    // The version still shows what stood at approval: the page…
    expect((await versionPage(t.plan.id, t.leadCookie)).signoff).toEqual(atApproval)
    // …the document its exports are built from…
    const source = await loadVersionSource(db, t.plan.id, 1)
    expect(source!.signoff!.counts).toEqual(atApproval.counts)
    expect(source!.signoff!.rows.find((r) => r.substep === '1.1' && r.constituency === 'workers')).toMatchObject({
      decision: 'reserve',
      reason: 'Seasonal workers are left out',
      stale_at: null,
    })
    // …and the print view.
    const print = await call<string>(() =>
      versionPrintLoader(
        args(makeRequest(`/plans/${t.plan.id}/versions/1/print`, { cookie: t.leadCookie }), {
          planId: t.plan.id,
          number: '1',
        }),
      ),
    )
    expect(print.status).toBe(200)
    expect(print.data).toContain('Sub-steps complete: 1 of 16 · agreed: 1 of 16')
    expect(print.data).toContain('Seasonal workers are left out')
    expect(print.data).toContain('Reservation by')
  })

  it('keep the endorsements the version was approved with, after "Revise" clears them for the new draft', async () => {
    const t = await tripartiteTeam()
    expect((await transition(t.plan.id, t.leadCookie, 'draft', 'submit')).status).toBe(200)
    const endorse = (cookie: string, form: Record<string, string>) =>
      call(() =>
        reviewAction(
          args(makeRequest(`/plans/${t.plan.id}/review`, { cookie, form: { intent: 'endorse', ...form } }), {
            planId: t.plan.id,
          }),
        ),
      )
    expect(
      (await endorse(t.union.cookie, { decision: 'endorse', comment: 'Agreed at the union congress' })).status,
    ).toBe(200)
    expect((await endorse(t.employer.cookie, { decision: 'object', comment: 'Targets too low' })).status).toBe(200)
    expect(
      (await transition(t.plan.id, t.reviewerCookie, 'in_review', 'approve', { overrideReason: 'Minister’s deadline' }))
        .status,
    ).toBe(302)
    const decisions = async () =>
      (await loadVersionSource(db, t.plan.id, 1))!.endorsements
        .map((e) => [e.organisation, e.decision, e.comment, e.versionNumber])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    const atApproval = await decisions()
    expect(atApproval).toEqual([
      ['EFE', 'object', 'Targets too low', 1],
      ['FTU', 'endorse', 'Agreed at the union congress', 1],
    ])
    expect((await transition(t.plan.id, t.leadCookie, 'approved', 'revise')).status).toBe(200)
    expect(await decisions()).toEqual(atApproval)
  })
})
