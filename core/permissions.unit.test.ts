import { describe, expect, it } from 'vitest'
import { type AccessMode } from './vocabulary.ts'
import {
  canGlobally,
  canManageTeam,
  canOnPlan,
  canOnPlanIn,
  contentLock,
  contentLocked,
  documentMode,
  GLOBAL_ACTIONS,
  GLOBAL_ROLES,
  PLAN_ACTIONS,
  PLAN_ROLES,
  planAbilities,
  signoffConstituency,
  type GlobalAction,
  type GlobalRole,
  type PlanAction,
  type PlanRole,
} from './permissions.ts'

// The expected rights, written out by hand. Columns follow ACTIONS; 'x' = allowed, '.' = refused.
const ACTIONS = [
  'plan:read',
  'plan:update',
  'plan:manage_members',
  'worksheet:edit',
  'worksheet:score',
  'comment:create',
  'document:edit',
  'activity:read',
  'plan:submit',
  'plan:approve',
  'plan:advance',
  'plan:endorse',
  'review:resolve',
  'team:repair',
  'substep:signoff',
  'measurement:record',
] as const satisfies readonly PlanAction[]

type PlanRoleOrNone = PlanRole | 'none'

const EXPECTED: Record<GlobalRole, Record<PlanRoleOrNone, string>> = {
  //                  read upd mem edit score comm doc act | submit approve advance endorse resolve | repair signoff measure
  member: {
    lead: /*       */ 'xxxxxxxxx.xxx.xx',
    coauthor: /*   */ 'x..xxxxx...x..xx',
    contributor: /**/ 'x...xx.x...x..x.',
    viewer: /*     */ 'x......x........',
    none: /*       */ '................',
  },
  // Administrators read every plan and may repair a team that has no active lead (canManageTeam),
  // but neither edit its content nor manage a healthy team unless they are its lead.
  admin: {
    lead: /*       */ 'xxxxxxxxx.xxxxxx',
    coauthor: /*   */ 'x..xxxxx...x.xxx',
    contributor: /**/ 'x...xx.x...x.xx.',
    viewer: /*     */ 'x......x.....x..',
    none: /*       */ 'x......x.....x..',
  },
  // ILO reviewers read and comment on every plan.
  ilo_reviewer: {
    lead: /*       */ 'xxxxxxxxxxxxx.xx',
    coauthor: /*   */ 'x..xxxxx.x.x..xx',
    contributor: /**/ 'x...xx.x.x.x..x.',
    viewer: /*     */ 'x....x.x.x......',
    none: /*       */ 'x....x.x.x......',
  },
}

const EXPECTED_MODE: Record<GlobalRole, Record<PlanRoleOrNone, AccessMode | null>> = {
  member: { lead: 'rw', coauthor: 'rw', contributor: 'ro', viewer: 'ro', none: null },
  admin: { lead: 'rw', coauthor: 'rw', contributor: 'ro', viewer: 'ro', none: 'ro' },
  ilo_reviewer: { lead: 'rw', coauthor: 'rw', contributor: 'ro', viewer: 'ro', none: 'ro' },
}

const EXPECTED_GLOBAL: Record<GlobalRole, readonly GlobalAction[]> = {
  admin: ['plan:create', 'admin:users', 'admin:organisations', 'dashboard:read', 'statistics:edit'],
  ilo_reviewer: ['plan:create', 'dashboard:read', 'statistics:edit'],
  member: ['plan:create'],
}

const LOCKED_STATUSES = ['in_review', 'approved', 'implementing', 'completed', 'archived'] as const

const PLAN_ROLES_AND_NONE: PlanRoleOrNone[] = ['lead', 'coauthor', 'contributor', 'viewer', 'none']
const actor = (globalRole: GlobalRole) => ({ id: '00000000-0000-4000-8000-000000000001', globalRole })
const roleOrNull = (role: PlanRoleOrNone) => (role === 'none' ? null : role)

describe('permission module', () => {
  it('knows exactly the roles and actions this table covers', () => {
    expect([...GLOBAL_ROLES].sort()).toEqual(['admin', 'ilo_reviewer', 'member'])
    expect([...PLAN_ROLES].sort()).toEqual(['coauthor', 'contributor', 'lead', 'viewer'])
    expect([...PLAN_ACTIONS].sort()).toEqual([...ACTIONS].sort())
    expect([...GLOBAL_ACTIONS].sort()).toEqual([
      'admin:organisations',
      'admin:users',
      'dashboard:read',
      'plan:create',
      'statistics:edit',
    ])
  })

  describe.each(GLOBAL_ROLES)('global role %s', (globalRole) => {
    describe.each(PLAN_ROLES_AND_NONE)('plan role %s', (planRole) => {
      it.each(ACTIONS.map((a, i) => [a, EXPECTED[globalRole][planRole][i] === 'x'] as const))(
        '%s is allowed: %s',
        (action, allowed) => {
          expect(canOnPlan(actor(globalRole), roleOrNull(planRole), action)).toBe(allowed)
        },
      )

      it('reports the same rights through planAbilities', () => {
        const abilities = planAbilities(actor(globalRole), roleOrNull(planRole))
        const row = ACTIONS.map((a) => (abilities[a] ? 'x' : '.')).join('')
        expect(row).toBe(EXPECTED[globalRole][planRole])
      })

      it(`opens plan documents in mode ${String(EXPECTED_MODE[globalRole][planRole])}`, () => {
        expect(documentMode(actor(globalRole), roleOrNull(planRole), 'draft')).toBe(EXPECTED_MODE[globalRole][planRole])
      })

      it.each(LOCKED_STATUSES)('opens plan documents read-only at most while the plan is %s', (status) => {
        const expected = EXPECTED_MODE[globalRole][planRole] === null ? null : 'ro'
        expect(documentMode(actor(globalRole), roleOrNull(planRole), status)).toBe(expected)
      })
    })

    it.each(GLOBAL_ACTIONS.map((a) => [a, EXPECTED_GLOBAL[globalRole].includes(a)] as const))(
      'global action %s is allowed: %s',
      (action, allowed) => {
        expect(canGlobally(actor(globalRole), action)).toBe(allowed)
      },
    )
  })

  describe('signing off a sub-step', () => {
    it("lets leads, co-authors and contributors sign for their own organisation's constituency, if it is one of the three", () => {
      expect(signoffConstituency(actor('member'), 'contributor', 'employers')).toBe('employers')
      expect(signoffConstituency(actor('member'), 'coauthor', 'workers')).toBe('workers')
      expect(signoffConstituency(actor('member'), 'lead', 'government')).toBe('government')
      expect(signoffConstituency(actor('member'), 'lead', 'ilo')).toBeNull()
      expect(signoffConstituency(actor('member'), 'viewer', 'workers')).toBeNull()
      expect(signoffConstituency(actor('ilo_reviewer'), null, 'ilo')).toBeNull()
      expect(signoffConstituency(actor('admin'), null, 'government')).toBeNull()
    })
  })

  describe('changing a team', () => {
    const expected = (g: GlobalRole, r: PlanRoleOrNone, hasActiveLead: boolean) =>
      r === 'lead' || (g === 'admin' && !hasActiveLead)
    it.each(
      GLOBAL_ROLES.flatMap((g) =>
        PLAN_ROLES_AND_NONE.flatMap((r) => [true, false].map((lead) => [g, r, lead, expected(g, r, lead)] as const)),
      ),
    )('%s with plan role %s, active lead %s: allowed %s', (globalRole, planRole, hasActiveLead, allowed) => {
      expect(canManageTeam(actor(globalRole), roleOrNull(planRole), { hasActiveLead })).toBe(allowed)
    })
  })

  it('never lets anyone without a plan role edit the plan or its documents', () => {
    for (const g of GLOBAL_ROLES) {
      expect(canOnPlan(actor(g), null, 'plan:update')).toBe(false)
      expect(canOnPlan(actor(g), null, 'worksheet:edit')).toBe(false)
      expect(canOnPlan(actor(g), null, 'document:edit')).toBe(false)
    }
  })

  describe('content locked by the plan status', () => {
    const CONTENT = ['plan:update', 'worksheet:edit', 'worksheet:score', 'document:edit'] as const
    const lead = actor('member')
    it('leaves everything the role allows open in a draft', () => {
      expect(planAbilities(lead, 'lead', 'draft')).toEqual(planAbilities(lead, 'lead'))
      expect(contentLocked('draft')).toBe(false)
    })
    it.each(LOCKED_STATUSES)('locks details, worksheets, scores and documents for everyone in %s', (status) => {
      expect(contentLocked(status)).toBe(true)
      for (const a of CONTENT) {
        expect(contentLock(status, a)).toBe(status)
        expect(canOnPlanIn(lead, 'lead', status, a)).toBe(false)
        expect(planAbilities(lead, 'lead', status)[a]).toBe(false)
      }
    })
    it.each(LOCKED_STATUSES)(
      'keeps comments, review answers, endorsements, the team and status changes open in %s',
      (status) => {
        for (const a of [
          'comment:create',
          'review:resolve',
          'plan:endorse',
          'plan:manage_members',
          'plan:submit',
          'plan:advance',
        ] as const) {
          expect(canOnPlanIn(lead, 'lead', status, a)).toBe(true)
        }
        expect(canOnPlanIn(actor('ilo_reviewer'), null, status, 'plan:approve')).toBe(true)
      },
    )
    it('keeps measurements open while the plan runs, and closes them once archived', () => {
      for (const s of ['draft', 'in_review', 'approved', 'implementing', 'completed'] as const)
        expect(canOnPlanIn(lead, 'coauthor', s, 'measurement:record')).toBe(true)
      expect(canOnPlanIn(lead, 'coauthor', 'archived', 'measurement:record')).toBe(false)
    })
  })
})
