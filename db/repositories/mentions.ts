import { canOnPlan } from '#core/permissions.ts'
import { type Executor } from '../executor.ts'

// Who may be mentioned on a plan and who may be told about a mention (ADR 062). Both follow the one
// permission module: a person is told only while they may read the plan (an active account that is
// on its team or reads every plan by their role).

export interface Mentionable {
  id: string
  name: string
  /** The organisation's acronym (or name), to tell two people of the same name apart. */
  organisation: string | null
  /** Team members first; ILO reviewers follow (they read and comment on every plan). */
  team: boolean
}

/** The people offered after "@": the plan's active team, then the active ILO reviewers, by name. */
export async function findMentionable(db: Executor, planId: string): Promise<Mentionable[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .leftJoin('plan_members', (join) =>
      join.onRef('plan_members.user_id', '=', 'users.id').on('plan_members.plan_id', '=', planId),
    )
    .select([
      'users.id',
      'users.name',
      'organisations.acronym',
      'organisations.name as organisation_name',
      'plan_members.role',
    ])
    .where('users.is_active', '=', true)
    .where((eb) => eb.or([eb('plan_members.role', 'is not', null), eb('users.global_role', '=', 'ilo_reviewer')]))
    .orderBy('users.name')
    .orderBy('users.id')
    .execute()
  const people = rows.map((r) => ({
    id: r.id,
    name: r.name,
    organisation: r.acronym ?? r.organisation_name,
    team: r.role !== null,
  }))
  return [...people.filter((p) => p.team), ...people.filter((p) => !p.team)]
}

/**
 * Of `ids`, the people who may read the plan now, with their current names; anyone else (no such
 * account, deactivated, not on the team and no role that reads every plan) is simply absent.
 */
export async function findReaders(db: Executor, planId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db
    .selectFrom('users')
    .leftJoin('plan_members', (join) =>
      join.onRef('plan_members.user_id', '=', 'users.id').on('plan_members.plan_id', '=', planId),
    )
    .select(['users.id', 'users.name', 'users.global_role', 'plan_members.role'])
    .where('users.id', 'in', unique)
    .where('users.is_active', '=', true)
    .execute()
  return new Map(
    rows
      .filter((r) => canOnPlan({ id: r.id, globalRole: r.global_role }, r.role, 'plan:read'))
      .map((r) => [r.id, r.name]),
  )
}
