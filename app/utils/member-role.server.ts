// A member's role changed through the shared merge protocol (ADR 036). Roles have no version
// column: the role the lead saw when the form was shown is the base, and a change by someone else
// since is refused with both roles rather than replaced.
import { type Db } from '#db/client.ts'
import * as ActivityRepository from '#db/repositories/activity.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import { type Values } from '../conflicts/merge.ts'
import { saveOnBase } from '../conflicts/save.server.ts'
import { PLAN_ROLES, type PlanRole } from '#core/permissions.ts'

const isRole = (value: unknown): value is PlanRole =>
  typeof value === 'string' && (PLAN_ROLES as readonly string[]).includes(value)

/** Changes a member's role from the role `base` says the lead saw; throws LastLeadError like upsert. */
export function changeRole(
  db: Db,
  input: {
    planId: string
    userId: string
    role: PlanRole
    base: Values | null
    actorId: string
    byAdministrator: boolean
  },
) {
  return saveOnBase({
    fields: ['role'],
    version: null,
    base: input.base,
    mine: { role: input.role },
    load: async () => {
      const role = await MemberRepository.findRole(db, input.planId, input.userId)
      if (!role) return null
      const by = await ActivityRepository.findLastActorName(db, {
        planId: input.planId,
        entityType: 'member',
        entityId: input.userId,
        actions: ['role_changed', 'member_added'],
      })
      return { id: input.userId, version: 0, data: { role }, by }
    },
    write: async (values, current) => {
      if (!isRole(values.role) || !isRole(current.data.role)) return null
      await MemberRepository.upsert(db, {
        planId: input.planId,
        userId: input.userId,
        role: values.role,
        actorId: input.actorId,
        existing: true,
        byAdministrator: input.byAdministrator,
        expectedRole: current.data.role,
      })
      return { role: values.role }
    },
  })
}
