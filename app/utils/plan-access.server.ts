import { data } from '@remix-run/node'
import * as MemberRepository from '#db/repositories/members.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { getDb } from './db.server.ts'
import { type PlanStatus } from '#core/vocabulary.ts'
import {
  canManageTeam,
  canOnPlan,
  contentLock,
  planAbilities,
  type Actor,
  type PlanAction,
  type PlanRole,
} from '#core/permissions.ts'
import { requireUser, type SessionUser } from './session.server.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function toActor(user: SessionUser): Actor {
  return { id: user.id, globalRole: user.global_role }
}

/**
 * The guard for every plan route: the signed-in user, the plan and their role, or a thrown
 * response. Someone who may not read the plan gets 404, so its existence does not leak; someone
 * who may read it but not perform `action` gets 403. Membership is read on every request.
 * A write (any method but GET and HEAD) of an action the plan's status locks gets 409 with the
 * reason (`lifecycle.locked.<status>`); `abilities` already leave out what the status locks.
 */
export async function requirePlanAccess(request: Request, planId: string | undefined, action: PlanAction) {
  const user = await requireUser(request)
  if (!planId || !UUID.test(planId)) throw data({ message: 'Not found' }, { status: 404 })
  const db = getDb()
  const [plan, role] = await Promise.all([
    PlanRepository.findById(db, planId),
    MemberRepository.findRole(db, planId, user.id),
  ])
  const actor = toActor(user)
  if (!plan || !canOnPlan(actor, role, 'plan:read')) throw data({ message: 'Not found' }, { status: 404 })
  if (!canOnPlan(actor, role, action)) throw data({ message: 'Forbidden' }, { status: 403 })
  if (isWrite(request)) {
    const refusal = lockedWrite(plan, action)
    if (refusal) throw refusal
  }
  return { user, plan, role, abilities: planAbilities(actor, role, plan.status) }
}

const isWrite = (request: Request) => request.method !== 'GET' && request.method !== 'HEAD'

/** The translation key explaining why a plan in `status` refuses a write. */
export const lockMessage = (status: PlanStatus) => `lifecycle.locked.${status}`

/**
 * For routes whose one action handles several kinds of write (a sub-step's forms, monitoring):
 * a 409 in the `{ formId, result }` shape their forms read, so the form keeps what was typed and
 * shows why, when the plan's status locks `action`; null when the write may go ahead.
 */
export function lockedWrite(plan: { status: PlanStatus }, action: PlanAction, formId = '') {
  const lockedIn = contentLock(plan.status, action)
  if (!lockedIn) return null
  const message = lockMessage(lockedIn)
  return data(
    { message, formId, result: { status: 'error' as const, error: { '': [message] } }, conflict: null, preview: null },
    { status: 409 },
  )
}

/**
 * Who may change the plan's team, for the members page: its leads, or an administrator while the
 * plan has no active lead (`byAdministrator` is then true). Others may read the team only.
 */
export async function teamManagement(access: { user: SessionUser; plan: { id: string }; role: PlanRole | null }) {
  const actor = toActor(access.user)
  if (canOnPlan(actor, access.role, 'plan:manage_members')) return { canManage: true, byAdministrator: false }
  const hasActiveLead = await MemberRepository.hasActiveLead(getDb(), access.plan.id)
  const canManage = canManageTeam(actor, access.role, { hasActiveLead })
  return { canManage, byAdministrator: canManage }
}
