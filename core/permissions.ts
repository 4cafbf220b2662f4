// The one place that decides who may do what. Pure functions of the user, their plan role and the
// action, shared by loaders, actions, the UI and the collab-server. Keep it free of server imports.
// A plan's status may lock some of those actions for everyone (contentLock below, ADR 009).
import {
  GLOBAL_ROLES,
  PLAN_ROLES,
  TRIPARTITE,
  type AccessMode,
  type GlobalRole,
  type PlanRole,
  type PlanStatus,
  type TripartiteConstituency,
} from './vocabulary.ts'

// The roles are part of the vocabulary; re-exported because every caller of this module names them.
export { GLOBAL_ROLES, PLAN_ROLES, type GlobalRole, type PlanRole }

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
  'measurement:record',
] as const
export type PlanAction = (typeof PLAN_ACTIONS)[number]

export const GLOBAL_ACTIONS = [
  'plan:create',
  'admin:users',
  'admin:organisations',
  'dashboard:read',
  'statistics:edit',
] as const
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
    'measurement:record',
  ],
  coauthor: [
    'plan:read',
    'worksheet:edit',
    'worksheet:score',
    'comment:create',
    'document:edit',
    'activity:read',
    'plan:endorse',
    'substep:signoff',
    'measurement:record',
  ],
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

/**
 * The constituency for which `actor` may agree to (or reserve on) a plan's sub-steps: their own
 * organisation's, if it is one of the three that sign and their team role allows it (ADR 037).
 */
export function signoffConstituency(
  actor: Actor,
  planRole: PlanRole | null,
  organisationConstituency: string | null | undefined,
): TripartiteConstituency | null {
  if (!canOnPlan(actor, planRole, 'substep:signoff')) return null
  return TRIPARTITE.find((c) => c === organisationConstituency) ?? null
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

/**
 * The writes that change what a plan says: its details, worksheets, scores, decisions and
 * co-edited documents. Only a draft may change; from submission on, the team and the reviewer
 * look at (and endorse) one fixed text, and an approved version is revised through a new draft.
 */
const CONTENT_ACTIONS: readonly PlanAction[] = ['plan:update', 'worksheet:edit', 'worksheet:score', 'document:edit']

/** Measurements are monitoring, not plan content: recorded while the plan runs, until it is archived. */
const MEASUREMENT_OPEN: readonly PlanStatus[] = ['draft', 'in_review', 'approved', 'implementing', 'completed']

/**
 * Why the plan's status refuses `action` to everyone, or null when it does not. The value is the
 * status itself; the UI and error messages explain it with `lifecycle.locked.<status>`. Comments,
 * review answers, endorsements, the team and status changes are never locked here: they are how a
 * plan in review is discussed and moved on.
 */
export function contentLock(status: PlanStatus, action: PlanAction): PlanStatus | null {
  if (CONTENT_ACTIONS.includes(action)) return status === 'draft' ? null : status
  if (action === 'measurement:record') return MEASUREMENT_OPEN.includes(status) ? null : status
  return null
}

/** Whether the plan's content (details, worksheets, documents) is locked in this status. */
export function contentLocked(status: PlanStatus): boolean {
  return contentLock(status, 'worksheet:edit') !== null
}

/** Whether `actor` may perform `action` on a plan in `status`: their role allows it and the status does not lock it. */
export function canOnPlanIn(actor: Actor, planRole: PlanRole | null, status: PlanStatus, action: PlanAction): boolean {
  return canOnPlan(actor, planRole, action) && contentLock(status, action) === null
}

/**
 * Every plan action the actor holds, for the UI to show or hide controls; with the plan's status,
 * the actions it locks are false, so edit controls disappear from a locked plan everywhere.
 */
export function planAbilities(
  actor: Actor,
  planRole: PlanRole | null,
  status?: PlanStatus,
): Record<PlanAction, boolean> {
  const can = (a: PlanAction) => (status ? canOnPlanIn(actor, planRole, status, a) : canOnPlan(actor, planRole, a))
  return Object.fromEntries(PLAN_ACTIONS.map((a) => [a, can(a)])) as Record<PlanAction, boolean>
}

/**
 * The collab mode for a plan document: read-write, read-only, or no access at all. Documents are
 * plan content, so a plan outside draft is read-only to everyone.
 */
export function documentMode(actor: Actor, planRole: PlanRole | null, status: PlanStatus): AccessMode | null {
  if (canOnPlanIn(actor, planRole, status, 'document:edit')) return 'rw'
  if (canOnPlan(actor, planRole, 'plan:read')) return 'ro'
  return null
}

/**
 * The status that makes a plan's documents read-only for someone whose role lets them edit in a
 * draft, or null (they may edit, or their role never could). The editor says so, and knows that
 * the document becomes editable again when the plan returns to draft.
 */
export function documentLockedBy(actor: Actor, planRole: PlanRole | null, status: PlanStatus): PlanStatus | null {
  return canOnPlan(actor, planRole, 'document:edit') ? contentLock(status, 'document:edit') : null
}
