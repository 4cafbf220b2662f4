// The one place that decides who may do what. Pure functions of the user, their plan role and the
// action, shared by loaders, actions, the UI and the collab-server. Keep it free of server imports.

export const GLOBAL_ROLES = ['admin', 'ilo_reviewer', 'member'] as const
export type GlobalRole = (typeof GLOBAL_ROLES)[number]

export const PLAN_ROLES = ['lead', 'coauthor', 'contributor', 'viewer'] as const
export type PlanRole = (typeof PLAN_ROLES)[number]

export const PLAN_ACTIONS = [
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
] as const
export type PlanAction = (typeof PLAN_ACTIONS)[number]

export const GLOBAL_ACTIONS = ['plan:create', 'admin:users', 'admin:organisations', 'dashboard:read', 'statistics:edit'] as const
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number]

export interface Actor {
  id: string
  globalRole: GlobalRole
}

const ROLE_GRANTS: Record<PlanRole, readonly PlanAction[]> = {
  lead: [
    'plan:read',
    'plan:update',
    'plan:manage_members',
    'worksheet:edit',
    'worksheet:score',
    'comment:create',
    'document:edit',
    'activity:read',
    'plan:submit',
    'plan:advance',
    'plan:endorse',
    'review:resolve',
    'substep:signoff',
  ],
  coauthor: ['plan:read', 'worksheet:edit', 'worksheet:score', 'comment:create', 'document:edit', 'activity:read', 'plan:endorse', 'substep:signoff'],
  contributor: ['plan:read', 'worksheet:score', 'comment:create', 'activity:read', 'plan:endorse', 'substep:signoff'],
  viewer: ['plan:read', 'activity:read'],
}

// Global roles grant plan rights without membership: reviewers read and comment on every plan and
// approve or return plans submitted for review; administrators read every plan and may repair its
// team, but only once it has no active lead (see canManageTeam and ADR 029).
const GLOBAL_PLAN_GRANTS: Record<GlobalRole, readonly PlanAction[]> = {
  admin: ['plan:read', 'activity:read', 'team:repair'],
  ilo_reviewer: ['plan:read', 'comment:create', 'activity:read', 'plan:approve'],
  member: [],
}

const GLOBAL_GRANTS: Record<GlobalRole, readonly GlobalAction[]> = {
  admin: ['plan:create', 'admin:users', 'admin:organisations', 'dashboard:read', 'statistics:edit'],
  ilo_reviewer: ['plan:create', 'dashboard:read', 'statistics:edit'],
  member: ['plan:create'],
}

/** Whether `actor`, holding `planRole` on a plan (null when not a member), may perform `action` on it. */
export function canOnPlan(actor: Actor, planRole: PlanRole | null, action: PlanAction): boolean {
  if (GLOBAL_PLAN_GRANTS[actor.globalRole].includes(action)) return true
  return planRole !== null && ROLE_GRANTS[planRole].includes(action)
}

const SIGNING_CONSTITUENCIES = ['government', 'workers', 'employers'] as const

/**
 * The constituency for which `actor` may agree to (or reserve on) a plan's sub-steps: their own
 * organisation's, if it is one of the three that sign and their team role allows it (ADR 037).
 */
export function signoffConstituency(actor: Actor, planRole: PlanRole | null, organisationConstituency: string | null | undefined): (typeof SIGNING_CONSTITUENCIES)[number] | null {
  if (!canOnPlan(actor, planRole, 'substep:signoff')) return null
  return SIGNING_CONSTITUENCIES.find((c) => c === organisationConstituency) ?? null
}

/** Whether `actor` may perform a portal-wide action. */
export function canGlobally(actor: Actor, action: GlobalAction): boolean {
  return GLOBAL_GRANTS[actor.globalRole].includes(action)
}

/**
 * Whether `actor` may change a plan's team: its leads always; an administrator only while the plan
 * has no active lead (every lead's account deactivated), to appoint a new one. A healthy team is
 * never taken over from outside.
 */
export function canManageTeam(actor: Actor, planRole: PlanRole | null, team: { hasActiveLead: boolean }): boolean {
  if (canOnPlan(actor, planRole, 'plan:manage_members')) return true
  return !team.hasActiveLead && canOnPlan(actor, planRole, 'team:repair')
}

/** Every plan action the actor holds, for the UI to show or hide controls. */
export function planAbilities(actor: Actor, planRole: PlanRole | null): Record<PlanAction, boolean> {
  return Object.fromEntries(PLAN_ACTIONS.map((a) => [a, canOnPlan(actor, planRole, a)])) as Record<PlanAction, boolean>
}

/** The collab mode for a plan document: read-write, read-only, or no access at all. */
export function documentMode(actor: Actor, planRole: PlanRole | null): 'rw' | 'ro' | null {
  if (canOnPlan(actor, planRole, 'document:edit')) return 'rw'
  if (canOnPlan(actor, planRole, 'plan:read')) return 'ro'
  return null
}
