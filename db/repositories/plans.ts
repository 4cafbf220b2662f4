import { sql, type Selectable } from 'kysely'
import { StaleRecordError, withTransaction, type Executor } from '../executor.ts'
import {
  type GlobalRole,
  type Locale,
  type PlanRole,
  type PlanScope,
  type PlansTable,
  type PlanStatus,
} from '../types.ts'
import * as ActivityRepository from './activity.ts'
import { insertPlanDefaults, type DefaultItemSet } from './worksheet-items.ts'

export interface PlanFilters {
  country?: string
  status?: PlanStatus
  sector?: string
  q?: string
}

/**
 * The plans a user may see: every plan for administrators and ILO reviewers, otherwise the plans
 * they are a member of. Each row carries the user's own role (null when not a member).
 */
export function findVisible(db: Executor, user: { id: string; globalRole: GlobalRole }, filters: PlanFilters = {}) {
  let query = db
    .selectFrom('plans')
    .leftJoin('plan_members as mine', (join) =>
      join.onRef('mine.plan_id', '=', 'plans.id').on('mine.user_id', '=', user.id),
    )
    .select([
      'plans.id',
      'plans.title',
      'plans.country_code',
      'plans.region',
      'plans.sectors',
      'plans.scope',
      'plans.status',
      'plans.start_date',
      'plans.end_date',
      'plans.updated_at',
      'mine.role as my_role',
      (eb) =>
        eb
          .selectFrom('plan_members')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('plan_members.plan_id', '=', 'plans.id')
          .as('member_count'),
    ])
  if (user.globalRole === 'member') query = query.where('mine.user_id', 'is not', null)
  if (filters.country) query = query.where('plans.country_code', '=', filters.country)
  if (filters.status) query = query.where('plans.status', '=', filters.status)
  if (filters.sector) query = query.where(sql<boolean>`${filters.sector} = ANY(plans.sectors)`)
  if (filters.q) query = query.where('plans.title', 'ilike', `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  return query.orderBy('plans.updated_at', 'desc').limit(500).execute()
}

/** A plan by id, or undefined; callers must check access before using it. */
type PlanRow = Selectable<PlansTable>

/** The descriptive fields of a plan, as approved versions freeze them and exports print them. */
export function planFacts(plan: PlanRow) {
  return {
    title: plan.title,
    countryCode: plan.country_code,
    region: plan.region,
    sectors: plan.sectors,
    scope: plan.scope,
    startDate: plan.start_date,
    endDate: plan.end_date,
    workingLanguage: plan.working_language,
  }
}

export function findById(db: Executor, id: string) {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface PlanInput {
  title: string
  countryCode: string
  region: string | null
  sectors: string[]
  scope: PlanScope
  startDate: string
  endDate: string
  workingLanguage: Locale
}

/** Creates a plan with its creator as lead and its default items (`defaults`), and records it in the plan history. */
export function insertWithLead(
  db: Executor,
  input: PlanInput,
  leadId: string,
  defaults: readonly DefaultItemSet[] = [],
) {
  return withTransaction(db, async (trx) => {
    const plan = await trx
      .insertInto('plans')
      .values({
        title: input.title,
        country_code: input.countryCode,
        region: input.region,
        sectors: input.sectors,
        scope: input.scope,
        start_date: input.startDate,
        end_date: input.endDate,
        working_language: input.workingLanguage,
        created_by: leadId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('plan_members')
      .values({ plan_id: plan.id, user_id: leadId, role: 'lead' satisfies PlanRole, added_by: leadId })
      .execute()
    await ActivityRepository.insert(trx, {
      planId: plan.id,
      actorId: leadId,
      action: 'created',
      entityType: 'plan',
      entityId: plan.id,
      newValue: input,
    })
    await insertPlanDefaults(trx, plan.id, defaults, leadId)
    return plan
  })
}

/**
 * Updates plan metadata only if nobody saved since `expectedVersion` was read; otherwise throws
 * StaleRecordError carrying the current row, so the caller can show it and nothing is overwritten.
 */
export function updateMetadata(db: Executor, id: string, expectedVersion: number, input: PlanInput, actorId: string) {
  return withTransaction(db, async (trx) => {
    const before = await trx.selectFrom('plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow()
    if (before.version !== expectedVersion) throw new StaleRecordError(before)
    const after = await trx
      .updateTable('plans')
      .set({
        title: input.title,
        country_code: input.countryCode,
        region: input.region,
        sectors: input.sectors,
        scope: input.scope,
        start_date: input.startDate,
        end_date: input.endDate,
        working_language: input.workingLanguage,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await ActivityRepository.insert(trx, {
      planId: id,
      actorId,
      action: 'updated',
      entityType: 'plan',
      entityId: id,
      oldValue: pickMetadata(before),
      newValue: pickMetadata(after),
    })
    return after
  })
}

function pickMetadata(p: {
  title: string
  country_code: string
  region: string | null
  sectors: string[]
  scope: string
  start_date: string
  end_date: string
  working_language: string
}) {
  return {
    title: p.title,
    countryCode: p.country_code,
    region: p.region,
    sectors: p.sectors,
    scope: p.scope,
    startDate: p.start_date,
    endDate: p.end_date,
    workingLanguage: p.working_language,
  }
}

/** Country codes that have at least one plan, for the list filter. */
export async function findCountryCodes(db: Executor) {
  const rows = await db.selectFrom('plans').select('country_code').distinct().orderBy('country_code').execute()
  return rows.map((r) => r.country_code)
}

/** Marks the plan as changed now (so lists sort by real activity). */
export async function touch(db: Executor, id: string) {
  await db.updateTable('plans').set({ updated_at: new Date() }).where('id', '=', id).execute()
}
