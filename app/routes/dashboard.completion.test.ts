import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { addMember, createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as plansCsv } from './dashboard.plans[.]csv.ts'
import { loader as dashboardLoader } from './dashboard.tsx'
import { loader as overviewLoader } from './plans.$planId._index.tsx'
import { action as stepAction } from './plans.$planId.steps.$substep.tsx'

// The dashboard's complete and agreed counts come from the same rules as the plan's overview and
// are never behind a change, even when no page of the plan was opened after it (ADR 037): here
// every change goes through a route action, a repository or plain SQL, and no plan page is rendered
// before the dashboard is read.

const db = getDb()

async function tripartitePlan() {
  const { user: lead, cookie: leadCookie } = await createUserWithSession(db, { constituency: 'government' })
  const plan = await createPlan(db, lead.id, { title: `Counts ${Math.random()}` })
  const member = async (constituency: 'workers' | 'employers', role: 'coauthor' | 'contributor') => {
    const user = await createUser(db, { organisationId: (await createOrganisation(db, { constituency })).id })
    await addMember(db, plan.id, user.id, role, lead.id)
    return sessionCookieFor(user.id)
  }
  const signers = [leadCookie, await member('workers', 'coauthor'), await member('employers', 'contributor')]
  const { cookie: reviewer } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
  return { plan, lead, leadCookie, signers, reviewer }
}
type Plan = Awaited<ReturnType<typeof tripartitePlan>>

const step = (t: Plan, code: string, cookie: string, form: Record<string, string>) =>
  call(() =>
    stepAction(
      args(makeRequest(`/plans/${t.plan.id}/steps/${code}`, { cookie, form }), { planId: t.plan.id, substep: code }),
    ),
  )
const dashboardRow = async (t: Plan, query = '') => {
  const res = await call(() => dashboardLoader(args(makeRequest(`/dashboard${query}`, { cookie: t.reviewer }))))
  return res.data.rows.find((r: { id: string }) => r.id === t.plan.id)
}
const overviewCounts = async (t: Plan) =>
  (
    await call(() =>
      overviewLoader(args(makeRequest(`/plans/${t.plan.id}`, { cookie: t.leadCookie }), { planId: t.plan.id })),
    )
  ).data.counts

describe('the dashboard’s complete and agreed counts', () => {
  it('follow every change at once, without anyone opening the plan, and equal the overview’s', async () => {
    const t = await tripartitePlan()
    expect(await dashboardRow(t)).toMatchObject({ substepsComplete: 0, substepsAgreed: 0 })

    // 1.1 complete through the sub-step's route action, and agreed by the three constituencies.
    const created = await step(t, '1.1', t.leadCookie, {
      intent: 'item:create',
      kind: 'mandate',
      formId: 'new-mandate',
      instrument: 'Labour Code',
      powerType: 'entry_inspection',
      limitsOrGaps: 'No night visits',
    })
    expect(created.status).toBe(200)
    for (const cookie of t.signers) expect((await step(t, '1.1', cookie, { intent: 'signoff.agree' })).status).toBe(200)
    // 2.1 complete through the repository (an import would do the same) and plain SQL (psql).
    await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'issue',
      refPrefix: 'I',
      data: { title: 'Casual work', issueType: 'employment_status' },
      actorId: t.lead.id,
    })
    await sql`INSERT INTO worksheet_items (plan_id, kind, ref, position, data) VALUES (${t.plan.id}, 'target', 'T1', 1, '{"name":"Estates"}')`.execute(
      db,
    )

    const row = await dashboardRow(t)
    expect(row).toMatchObject({ substepsComplete: 2, substepsAgreed: 1, substepsStale: 0 })
    // The overview, read only now, counts the same.
    expect(await overviewCounts(t)).toEqual({
      total: 16,
      complete: row.substepsComplete,
      agreed: row.substepsAgreed,
      stale: row.substepsStale,
    })

    // The mandate loses its limit: 1.1 is no longer complete, and its agreement is out of date.
    const mandate = (await ItemRepository.findByKind(db, t.plan.id, 'mandate'))[0]!
    await ItemRepository.update(db, {
      planId: t.plan.id,
      id: mandate.id,
      expectedVersion: mandate.version,
      data: { instrument: 'Labour Code', powerType: 'entry_inspection' },
      actorId: t.lead.id,
    })
    // The CSV export, read first, is as current as the page.
    const csv = (await call<string>(() => plansCsv(args(makeRequest('/dashboard/plans.csv', { cookie: t.reviewer })))))
      .data
    const fields = csv
      .split('\r\n')
      .find((line) => line.startsWith(t.plan.id))!
      .split(',')
    expect([fields[10], fields[11]]).toEqual(['1', '0'])
    const after = await dashboardRow(t, '?sort=progress&dir=desc')
    expect(after).toMatchObject({ substepsComplete: 1, substepsAgreed: 0, substepsStale: 1 })
    expect(await overviewCounts(t)).toEqual({ total: 16, complete: 1, agreed: 0, stale: 1 })
  })

  it('sort by progress on the counts as they are now', async () => {
    const a = await tripartitePlan()
    const b = await tripartitePlan()
    await ItemRepository.insert(db, {
      planId: b.plan.id,
      kind: 'data_source',
      refPrefix: 'D',
      data: { name: 'Inspection records', quality: 'high' },
      actorId: b.lead.id,
    })
    const ids = async () =>
      (
        await call(() =>
          dashboardLoader(args(makeRequest('/dashboard?sort=progress&dir=desc', { cookie: a.reviewer }))),
        )
      ).data.rows.map((r: { id: string }) => r.id)
    expect((await ids()).indexOf(b.plan.id)).toBeLessThan((await ids()).indexOf(a.plan.id))
    await sql`DELETE FROM worksheet_items WHERE plan_id = ${b.plan.id}`.execute(db)
    await ItemRepository.insert(db, {
      planId: a.plan.id,
      kind: 'data_source',
      refPrefix: 'D',
      data: { name: 'Labour force survey', quality: 'medium' },
      actorId: a.lead.id,
    })
    expect((await ids()).indexOf(a.plan.id)).toBeLessThan((await ids()).indexOf(b.plan.id))
  })
})
