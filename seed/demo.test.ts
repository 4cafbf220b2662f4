import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '#app/utils/crypto.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { attemptLogin } from '#app/utils/login.server.ts'
import { canOnPlan, type PlanRole } from '#core/permissions.ts'
import { missingForTripartite } from '#core/constituencies.ts'
import { loadPlanSignoff, loadSignoffCounts } from '#app/signoff/signoff.server.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { seedIfEmpty } from './index.ts'
import { DEMO_PASSWORD } from './accounts.ts'
import { isEmpty, seedDemo, type DemoIds } from './demo.ts'
import { loadOncePerFile } from '#tests/table-snapshot.ts'

const db = getDb()
let passwordHash: string

beforeAll(async () => {
  passwordHash = await hashPassword(DEMO_PASSWORD)
})

// What issue 2 promises for each listed account: global role and plan roles.
const LISTED: Record<
  string,
  { globalRole: string; constituency: string; palmOil: PlanRole | null; fishing: PlanRole | null }
> = {
  'admin@demo.example': { globalRole: 'admin', constituency: 'ilo', palmOil: null, fishing: null },
  'planner@demo.example': { globalRole: 'member', constituency: 'government', palmOil: 'lead', fishing: null },
  'union@demo.example': { globalRole: 'member', constituency: 'workers', palmOil: 'coauthor', fishing: null },
  'employer@demo.example': { globalRole: 'member', constituency: 'employers', palmOil: 'contributor', fishing: null },
  'viewer@demo.example': { globalRole: 'member', constituency: 'government', palmOil: 'viewer', fishing: null },
  'fisheries@demo.example': { globalRole: 'member', constituency: 'government', palmOil: null, fishing: 'lead' },
  'ilo@demo.example': { globalRole: 'ilo_reviewer', constituency: 'ilo', palmOil: null, fishing: null },
}

async function seed(): Promise<DemoIds> {
  return seedDemo(db, passwordHash)
}

// The tests that only look at what the seed wrote share one load, put back before each of them;
// the ones about loading itself (isEmpty, a failed load) run the seed on empty tables as before.
const seeded = loadOncePerFile(seed)

async function userByEmail(email: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id',
      'users.global_role',
      'users.is_active',
      'organisations.constituency',
      'organisations.agency_type',
    ])
    .where('users.email', '=', email)
    .executeTakeFirstOrThrow()
}

describe('the demo seed', () => {
  it('loads the seven listed accounts with their global roles and constituencies, all able to sign in', async () => {
    await seeded()
    for (const [email, expected] of Object.entries(LISTED)) {
      const user = await userByEmail(email)
      expect({ email, role: user.global_role, constituency: user.constituency, active: user.is_active }).toEqual({
        email,
        role: expected.globalRole,
        constituency: expected.constituency,
        active: true,
      })
      expect(await attemptLogin(email, DEMO_PASSWORD, '192.0.2.1')).toEqual({ status: 'ok', userId: user.id })
    }
    expect((await userByEmail('planner@demo.example')).agency_type).toBe('labour_inspectorate')
    const admins = await db.selectFrom('users').select('email').where('global_role', '!=', 'member').execute()
    expect(admins.map((a) => a.email).sort()).toEqual(['admin@demo.example', 'ilo@demo.example'])
  })

  it('gives every organisation a constituency, and a country unless it is the ILO', async () => {
    await seeded()
    const organisations = await db.selectFrom('organisations').selectAll().execute()
    expect(new Set(organisations.map((o) => o.constituency))).toEqual(
      new Set(['government', 'workers', 'employers', 'ilo', 'other']),
    )
    for (const o of organisations) {
      if (o.constituency === 'ilo') expect(o.country_code).toBeNull()
      else expect(['XL', 'XS']).toContain(o.country_code)
      if (o.constituency === 'government') expect(o.agency_type).not.toBeNull()
      else expect(o.agency_type).toBeNull()
    }
  })

  it('creates the palm oil plan in XL and the fishing plan in XS, both tripartite', async () => {
    const ids = await seeded()
    const palm = await PlanRepository.findById(db, ids.plans['palm-oil']!)
    const fishing = await PlanRepository.findById(db, ids.plans.fishing!)
    expect(palm).toMatchObject({ country_code: 'XL', status: 'draft', scope: 'regional' })
    expect(palm!.title).toMatch(/oil palm/i)
    expect(fishing).toMatchObject({ country_code: 'XS', status: 'draft' })
    expect(await db.selectFrom('plans').select('id').execute()).toHaveLength(2)
    for (const planId of [palm!.id, fishing!.id]) {
      const team = await MemberRepository.findByPlan(db, planId)
      expect(missingForTripartite(team.map((m) => m.constituency))).toEqual([])
    }
  })

  it('gives each listed account exactly the plan roles the issue lists', async () => {
    const ids = await seeded()
    for (const [email, expected] of Object.entries(LISTED)) {
      const user = await userByEmail(email)
      const palmOil = await MemberRepository.findRole(db, ids.plans['palm-oil']!, user.id)
      const fishing = await MemberRepository.findRole(db, ids.plans.fishing!, user.id)
      expect({ email, palmOil, fishing }).toEqual({ email, palmOil: expected.palmOil, fishing: expected.fishing })
    }
  })

  it('lets the ILO reviewer and the administrator read both plans without being members, and no one else cross over', async () => {
    const ids = await seeded()
    for (const email of Object.keys(LISTED)) {
      const user = await userByEmail(email)
      const actor = { id: user.id, globalRole: user.global_role }
      const visible = (await PlanRepository.findVisible(db, actor)).map((p) => p.id).sort()
      const expected = Object.entries({ 'palm-oil': LISTED[email]!.palmOil, fishing: LISTED[email]!.fishing })
        .filter(([, role]) => role !== null || user.global_role !== 'member')
        .map(([key]) => ids.plans[key]!)
        .sort()
      expect({ email, visible }).toEqual({ email, visible: expected })
      for (const planId of Object.values(ids.plans)) {
        const role = await MemberRepository.findRole(db, planId, user.id)
        expect(canOnPlan(actor, role, 'plan:read')).toBe(expected.includes(planId))
      }
    }
  })

  it('is guarded by isEmpty, so start-up never loads it twice', async () => {
    expect(await isEmpty(db)).toBe(true)
    expect(await seedIfEmpty(process.env.DATABASE_URL!)).toBe(true)
    expect(await isEmpty(db)).toBe(false)
    const users = (await db.selectFrom('users').select('id').execute()).length
    expect(await seedIfEmpty(process.env.DATABASE_URL!)).toBe(false)
    expect((await db.selectFrom('users').select('id').execute()).length).toBe(users)
    expect(await db.selectFrom('plans').select('id').execute()).toHaveLength(2)
  })

  it('shows the palm oil team agreeing to step 1, 2.1 and 2.2 (with a reservation), and the dashboard already knows', async () => {
    const ids = await seeded()
    const palm = ids.plans['palm-oil']!
    const stored = await loadSignoffCounts(db, [palm, ids.plans.fishing!])
    expect(stored.get(ids.plans.fishing!)).toMatchObject({ agreed: 0, stale: 0 })
    const live = await loadPlanSignoff(db, palm)
    expect(stored.get(palm)).toEqual(live.counts)
    expect(live.counts).toMatchObject({ agreed: 5, stale: 0 })
    expect(live.substeps.filter((s) => s.agreement !== 'none').map((s) => [s.code, s.agreement])).toEqual([
      ['1.1', 'agreed'],
      ['1.2', 'agreed'],
      ['1.3', 'agreed'],
      ['2.1', 'agreed'],
      ['2.2', 'agreed'],
      ['2.3', 'partial'],
    ])
    expect(live.rows.find((r) => r.substep === '2.2' && r.constituency === 'employers')).toMatchObject({
      decision: 'reserve',
      user_name: 'Sari Lestari',
    })
  })

  it('loads nothing at all if any part fails', async () => {
    await db.insertInto('organisations').values({ name: 'Blocker', constituency: 'ilo' }).execute()
    await db
      .insertInto('users')
      .values({
        email: 'ilo@demo.example',
        name: 'Already here',
        organisation_id: (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id,
        global_role: 'member',
      })
      .execute()
    await expect(seed()).rejects.toThrow()
    expect(await db.selectFrom('plans').select('id').execute()).toHaveLength(0)
    expect(await db.selectFrom('users').select('id').execute()).toHaveLength(1)
  })
})
