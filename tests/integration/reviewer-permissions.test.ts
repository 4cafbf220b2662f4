import { describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { loader as dashboardLoader } from '#app/routes/dashboard.tsx'
import { action as monitoringAction } from '#app/routes/plans.$planId.monitoring.tsx'
import { action as substepAction } from '#app/routes/plans.$planId.steps.$substep.tsx'
import { getDb } from '#app/utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'

// Issue 5: the ILO reviews every plan but does not write them; plan members, whatever their role,
// do not see the cross-country dashboard.
const db = getDb()

async function plan() {
  const lead = await createUser(db)
  const p = await createPlan(db, lead.id)
  const k1 = await ItemRepository.insert(db, {
    planId: p.id,
    kind: 'indicator',
    refPrefix: 'K',
    data: { name: 'Compliance', indicatorType: 'compliance', unit: 'percent' },
    actorId: lead.id,
  })
  return { lead, plan: p, k1 }
}

describe('an ILO reviewer', () => {
  it('cannot add, change or delete worksheet records, nor record measurements', async () => {
    const { plan: p, k1 } = await plan()
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const step = (form: Record<string, string>) =>
      call(() =>
        substepAction(
          args(makeRequest(`/plans/${p.id}/steps/6.2`, { cookie, form }), { planId: p.id, substep: '6.2' }),
        ),
      )
    expect(
      (
        await step({
          intent: 'item:create',
          kind: 'indicator',
          name: 'Reviewer indicator',
          indicatorType: 'output',
          unit: 'count',
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await step({
          intent: 'item:update',
          id: k1.id,
          version: String(k1.version),
          kind: 'indicator',
          name: 'Renamed',
          indicatorType: 'output',
          unit: 'count',
        })
      ).status,
    ).toBe(403)
    expect((await step({ intent: 'item:delete', id: k1.id, version: String(k1.version) })).status).toBe(403)
    const measure = await call(() =>
      monitoringAction(
        args(
          makeRequest(`/plans/${p.id}/monitoring`, {
            cookie,
            form: { intent: 'measurement:add', indicatorId: k1.id, period: '2026-Q2', value: '40' },
          }),
          { planId: p.id },
        ),
      ),
    )
    expect(measure.status).toBe(403)
    const items = await ItemRepository.findByKind(db, p.id, 'indicator')
    expect(items.map((i) => [i.id, i.data.name, i.version])).toEqual([[k1.id, 'Compliance', k1.version]])
    expect(await MeasurementRepository.findByPlan(db, p.id)).toEqual([])
  })
})

describe('the cross-country dashboard', () => {
  it('is closed to plan members of every role who are not ILO reviewers or administrators', async () => {
    const { lead, plan: p } = await plan()
    for (const role of ['coauthor', 'contributor', 'viewer'] as const) {
      const member = await createUser(db, { constituency: 'workers' })
      await addMember(db, p.id, member.id, role, lead.id)
      const cookie = await sessionCookieFor(member.id)
      const res = await call(() => dashboardLoader(args(makeRequest('/dashboard', { cookie }))))
      expect(res.status, role).toBe(403)
    }
    const cookie = await sessionCookieFor(lead.id)
    expect((await call(() => dashboardLoader(args(makeRequest('/dashboard', { cookie }))))).status).toBe(403)
  })
})
