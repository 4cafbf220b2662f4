import { StaleRecordError, withTransaction, type Executor } from '../executor.ts'
import { type PlanRole } from '../types.ts'
import * as ActivityRepository from './activity.ts'

/** The user's role on a plan, or null when they are not a member. Read on every request. */
export async function findRole(db: Executor, planId: string, userId: string): Promise<PlanRole | null> {
  const row = await db
    .selectFrom('plan_members')
    .select('role')
    .where('plan_id', '=', planId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.role ?? null
}

/** Whether a lead of the plan can still sign in (an account that is not deactivated). */
export async function hasActiveLead(db: Executor, planId: string): Promise<boolean> {
  const row = await db
    .selectFrom('plan_members')
    .innerJoin('users', 'users.id', 'plan_members.user_id')
    .select('plan_members.user_id')
    .where('plan_members.plan_id', '=', planId)
    .where('plan_members.role', '=', 'lead')
    .where('users.is_active', '=', true)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** The team of a plan with each member's organisation and constituency. */
export function findByPlan(db: Executor, planId: string) {
  return db
    .selectFrom('plan_members')
    .innerJoin('users', 'users.id', 'plan_members.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'plan_members.user_id',
      'plan_members.role',
      'plan_members.created_at',
      'users.name',
      'users.email',
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
      'organisations.acronym as organisation_acronym',
      'organisations.constituency',
    ])
    .where('plan_members.plan_id', '=', planId)
    .orderBy('plan_members.created_at')
    .execute()
}

export class LastLeadError extends Error {
  constructor() {
    super('A plan must keep at least one lead')
  }
}

export class NotMemberError extends Error {
  constructor() {
    super('This person is not a member of the plan')
  }
}

/**
 * Adds a member or changes their role; refuses to leave the plan without a lead. With
 * `existing: true` it only changes the role of someone still on the team (NotMemberError otherwise),
 * so a role change racing with a removal cannot bring the person back. With `expectedRole` it throws
 * StaleRecordError when the role is no longer that one.
 */
export function upsert(
  db: Executor,
  input: {
    planId: string
    userId: string
    role: PlanRole
    actorId: string
    existing?: boolean
    byAdministrator?: boolean
    expectedRole?: PlanRole
  },
) {
  return withTransaction(db, async (trx) => {
    // Lock the plan's team so two concurrent changes cannot both remove the last lead.
    const team = await trx
      .selectFrom('plan_members')
      .select(['user_id', 'role'])
      .where('plan_id', '=', input.planId)
      .forUpdate()
      .execute()
    const previous = team.find((m) => m.user_id === input.userId)
    if (input.existing && !previous) throw new NotMemberError()
    // The role the person changing it saw: someone else's change since is not replaced unseen.
    if (input.expectedRole && previous && previous.role !== input.expectedRole)
      throw new StaleRecordError({ role: previous.role })
    const leadsAfter =
      team.filter((m) => m.role === 'lead' && m.user_id !== input.userId).length + (input.role === 'lead' ? 1 : 0)
    if (leadsAfter === 0) throw new LastLeadError()
    await trx
      .insertInto('plan_members')
      .values({ plan_id: input.planId, user_id: input.userId, role: input.role, added_by: input.actorId })
      .onConflict((oc) => oc.columns(['plan_id', 'user_id']).doUpdateSet({ role: input.role }))
      .execute()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: previous ? 'role_changed' : 'member_added',
      entityType: 'member',
      entityId: input.userId,
      oldValue: previous ? { role: previous.role } : undefined,
      newValue: { role: input.role, ...administratorMark(input) },
    })
    return { previousRole: previous?.role ?? null }
  })
}

// A change made by an administrator repairing a team without a lead is marked in the history.
function administratorMark(input: { byAdministrator?: boolean }) {
  return input.byAdministrator ? { byAdministrator: true } : {}
}

/** Removes a member; refuses to remove the last lead. Returns false if they were not a member. */
export function remove(
  db: Executor,
  input: { planId: string; userId: string; actorId: string; byAdministrator?: boolean },
) {
  return withTransaction(db, async (trx) => {
    const team = await trx
      .selectFrom('plan_members')
      .select(['user_id', 'role'])
      .where('plan_id', '=', input.planId)
      .forUpdate()
      .execute()
    const target = team.find((m) => m.user_id === input.userId)
    if (!target) return false
    if (target.role === 'lead' && team.filter((m) => m.role === 'lead').length === 1) throw new LastLeadError()
    await trx
      .deleteFrom('plan_members')
      .where('plan_id', '=', input.planId)
      .where('user_id', '=', input.userId)
      .execute()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'member_removed',
      entityType: 'member',
      entityId: input.userId,
      oldValue: { role: target.role },
      newValue: input.byAdministrator ? administratorMark(input) : undefined,
    })
    return true
  })
}
