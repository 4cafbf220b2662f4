import { describe, expect, it } from 'vitest'
import { DEMO_PLAN_TITLE } from '#core/demo.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { GUIDE_ROLES } from '../guide/roles.ts'
import { loader } from './guide.$role.tsx'

const db = getDb()
const open = (role: string, cookie?: string) =>
  call<{ role: string; demoPlanId: string | null }>(() =>
    loader(args(makeRequest(`/guide/${role}`, cookie ? { cookie } : {}), { role })),
  )

describe('getting-started guides', () => {
  it('are public: each role has its guide for someone signed out, without links into any plan', async () => {
    for (const role of GUIDE_ROLES) {
      const res = await open(role)
      expect(res.status).toBe(200)
      expect(res.data).toEqual({ role, demoPlanId: null })
    }
  })

  it('answer 404 to a role that has no guide', async () => {
    for (const role of ['admin', 'PLANNER', '../plans', 'x'.repeat(500)]) expect((await open(role)).status).toBe(404)
  })

  it('link into the demo plan for someone who may read it, and never into a plan they may not', async () => {
    const lead = await createUser(db)
    const demo = await createPlan(db, lead.id, { title: DEMO_PLAN_TITLE })
    // A lookalike the outsider leads does not count as the demo plan.
    const outsider = await createUserWithSession(db)
    await createPlan(db, outsider.user.id, { title: `${DEMO_PLAN_TITLE} (copy)` })
    const reviewer = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const leadCookie = await sessionCookieFor(lead.id)

    expect((await open('planner', leadCookie)).data.demoPlanId).toBe(demo.id)
    expect((await open('ilo-reviewer', reviewer.cookie)).data.demoPlanId).toBe(demo.id)
    expect((await open('social-partner', outsider.cookie)).data.demoPlanId).toBeNull()
  })
})
