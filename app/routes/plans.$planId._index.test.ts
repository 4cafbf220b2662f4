import { describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { seedDemo } from '#seed/demo.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { loader } from './plans.$planId._index.tsx'

const db = getDb()

describe('the plan overview', () => {
  it('shows the 16 sub-steps 1.1 to 6.2 with a status, the team and recent activity', async () => {
    const { user: lead, cookie } = await createUserWithSession(db)
    const plan = await createPlan(db, lead.id)
    const colleague = await createUser(db, { constituency: 'workers' })
    await addMember(db, plan.id, colleague.id, 'coauthor', lead.id)
    const res = await call(() => loader(args(makeRequest(`/plans/${plan.id}`, { cookie }), { planId: plan.id })))
    expect(res.status).toBe(200)
    const codes = res.data.progress.map((p: { code: string }) => p.code)
    expect(codes).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '2.3',
      '3.1',
      '3.2',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '5.3',
      '6.1',
      '6.2',
    ])
    for (const p of res.data.progress) expect(['not_started', 'in_progress', 'done']).toContain(p.status)
    expect(res.data.team.map((m: { user_id: string; role: string }) => [m.user_id, m.role])).toEqual([
      [lead.id, 'lead'],
      [colleague.id, 'coauthor'],
    ])
    expect(res.data.activity.map((a: { action: string }) => a.action)).toEqual(['member_added', 'created'])
  })

  it('shows one plan’s team and history only', async () => {
    const { user: lead, cookie } = await createUserWithSession(db)
    const plan = await createPlan(db, lead.id)
    const otherLead = await createUser(db)
    const other = await createPlan(db, otherLead.id)
    await addMember(db, other.id, (await createUser(db)).id, 'viewer', otherLead.id)
    const res = await call(() => loader(args(makeRequest(`/plans/${plan.id}`, { cookie }), { planId: plan.id })))
    expect(res.data.team).toHaveLength(1)
    expect(res.data.activity).toHaveLength(1)
    expect(JSON.stringify(res.data)).not.toContain(other.id)
  })

  it('shows the computed 2.2 ranking with the selected priority first, and nothing scored on a new plan', async () => {
    const ids = await seedDemo(db, 'not-a-real-hash')
    const palm = ids.plans['palm-oil']!
    const cookie = await sessionCookieFor(ids.users['viewer@demo.example']!)
    const res = await call(() => loader(args(makeRequest(`/plans/${palm}`, { cookie }), { planId: palm })))
    const { rows, total } = res.data.ranking as {
      rows: { rank: number | null; weightedMean: number | null; issue: string; selected: boolean; scorers: number }[]
      total: number
    }
    expect(total).toBeGreaterThan(1)
    expect(rows[0]).toMatchObject({ rank: 1, selected: true })
    expect(rows[0]!.issue).toMatch(/^Disguised casual employment/)
    expect(rows[0]!.scorers).toBeGreaterThan(1)
    // Ranked: each weighted score at most the one above it.
    const means = rows.map((r) => r.weightedMean ?? -1)
    expect(means).toEqual([...means].sort((a, b) => b - a))

    const { user: lead, cookie: leadCookie } = await createUserWithSession(db)
    const fresh = await createPlan(db, lead.id)
    const empty = await call(() =>
      loader(args(makeRequest(`/plans/${fresh.id}`, { cookie: leadCookie }), { planId: fresh.id })),
    )
    expect(empty.data.ranking).toEqual({ rows: [], total: 0 })
  })
})
