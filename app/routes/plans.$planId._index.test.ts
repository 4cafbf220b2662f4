import { describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#db/factories/index.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
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
    expect(codes).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '4.1', '4.2', '4.3', '5.1', '5.2', '5.3', '6.1', '6.2'])
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
})
