import { sql } from 'kysely'
import { TRIPARTITE, type TripartiteConstituency } from '#core/vocabulary.ts'
import { withTransaction, type Executor } from '../executor.ts'
import * as ActivityRepository from './activity.ts'

// Sign-off per sub-step (ADR 037): each constituency's agreement or reservation, made stale by the
// content triggers of migration 2026_12_06_1020; and each sub-step's stored completeness, written
// by the app from its progress rules.

/** Only the tripartite constituencies sign. */
export type SignoffConstituency = TripartiteConstituency
export type SignoffDecision = 'agree' | 'reserve'

/** The sign-offs of the given plans with who gave them; one row per plan, sub-step and constituency. */
export function findByPlans(db: Executor, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('substep_signoffs as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('organisations as o', 'o.id', 's.organisation_id')
    .select([
      's.plan_id',
      's.substep',
      's.constituency',
      's.decision',
      's.reason',
      's.signed_at',
      's.stale_at',
      'u.name as user_name',
      'o.name as organisation_name',
      'o.acronym as organisation_acronym',
    ])
    .where('s.plan_id', 'in', planIds)
    .orderBy('s.plan_id')
    .orderBy('s.substep')
    .orderBy('s.constituency')
    .execute()
}

/**
 * The tripartite constituencies each plan's team represents: those of the organisations of its
 * active members who may sign off (not viewers). One query for any number of plans.
 */
export async function findTeamConstituencies(
  db: Executor,
  planIds: string[],
): Promise<Map<string, SignoffConstituency[]>> {
  const result = new Map<string, SignoffConstituency[]>(planIds.map((id) => [id, []]))
  if (planIds.length === 0) return result
  const rows = await db
    .selectFrom('plan_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['m.plan_id', 'o.constituency'])
    .distinct()
    .where('m.plan_id', 'in', planIds)
    .where('m.role', '!=', 'viewer')
    .where('u.is_active', '=', true)
    .where('o.constituency', 'in', TRIPARTITE)
    .execute()
  for (const r of rows) result.get(r.plan_id)?.push(r.constituency as SignoffConstituency)
  return result
}

/** Stored completeness of the given plans' sub-steps: plan id → the complete sub-step codes. */
export async function findCompletion(db: Executor, planIds: string[]): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>(planIds.map((id) => [id, new Set()]))
  if (planIds.length === 0) return result
  const rows = await db
    .selectFrom('substep_completion')
    .select(['plan_id', 'substep'])
    .where('plan_id', 'in', planIds)
    .where('complete', '=', true)
    .execute()
  for (const r of rows) result.get(r.plan_id)?.add(r.substep)
  return result
}

/**
 * The generation of each plan's content that its completeness must reflect (`content`, grown in
 * SQL by every change to its worksheet items or scores, migration 2026_12_07_1130); '0' for a plan
 * whose content never changed.
 */
export async function findContentGenerations(db: Executor, planIds: readonly string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>(planIds.map((id) => [id, '0']))
  if (planIds.length === 0) return result
  const rows = await db
    .selectFrom('completion_generations')
    .select(['plan_id', 'content'])
    .where('plan_id', 'in', planIds)
    .execute()
  for (const r of rows) result.set(r.plan_id, String(r.content))
  return result
}

/** Up to `limit` plans whose stored completeness is behind their content (a partial index holds only those). */
export async function findStaleCompletion(db: Executor, limit = 1_000_000): Promise<string[]> {
  const rows = await db
    .selectFrom('completion_generations')
    .select('plan_id')
    .where(sql<boolean>`evaluated < content`)
    .orderBy('plan_id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.plan_id)
}

export interface EvaluatedCompletion {
  planId: string
  /** The content generation read before the rules ran. */
  generation: string
  complete: { substep: string; complete: boolean }[]
}

/**
 * Stores completeness the progress rules computed from content generation `generation` (read
 * before they ran), for each plan unless an evaluation of the same or a later generation was stored
 * meanwhile: an evaluation that started earlier never overwrites a later one. A plan whose content
 * never changed has no generation row and is stored as is. Returns the plans stored.
 */
export async function storeEvaluatedCompletions(db: Executor, evaluated: EvaluatedCompletion[]): Promise<string[]> {
  if (evaluated.length === 0) return []
  const planIds = evaluated.map((e) => e.planId)
  // Most evaluations (every page view) find the stored completeness current: say so without
  // taking the plans' row locks, so that readers of one plan never queue behind each other.
  const seen = await db
    .selectFrom('completion_generations')
    .select(['plan_id', 'evaluated'])
    .where('plan_id', 'in', planIds)
    .execute()
  const seenOf = new Map(seen.map((r) => [r.plan_id, BigInt(r.evaluated)]))
  if (evaluated.every((e) => seenOf.has(e.planId) && seenOf.get(e.planId)! >= BigInt(e.generation))) return []
  return withTransaction(db, async (trx) => {
    // In plan order, as every evaluator and bulk writer takes them, so that none deadlocks.
    const current = await trx
      .selectFrom('completion_generations')
      .select(['plan_id', 'evaluated'])
      .where('plan_id', 'in', planIds)
      .orderBy('plan_id')
      .forUpdate()
      .execute()
    const evaluatedOf = new Map(current.map((r) => [r.plan_id, BigInt(r.evaluated)]))
    const stored = evaluated.filter(
      (e) => !evaluatedOf.has(e.planId) || evaluatedOf.get(e.planId)! < BigInt(e.generation),
    )
    if (stored.length === 0) return []
    const rows = stored.flatMap((e) => e.complete.map((c) => ({ planId: e.planId, ...c })))
    if (rows.length > 0) {
      await sql`
        INSERT INTO substep_completion (plan_id, substep, complete)
        SELECT c.plan_id, c.substep, c.complete
        FROM unnest(${rows.map((r) => r.planId)}::uuid[], ${rows.map((r) => r.substep)}::text[], ${rows.map((r) => r.complete)}::boolean[]) AS c(plan_id, substep, complete)
        ORDER BY c.plan_id, c.substep
        ON CONFLICT (plan_id, substep) DO UPDATE SET complete = excluded.complete, updated_at = now()
        WHERE substep_completion.complete IS DISTINCT FROM excluded.complete
      `.execute(trx)
    }
    const withRow = stored.filter((e) => evaluatedOf.has(e.planId))
    if (withRow.length > 0) {
      await sql`
        UPDATE completion_generations g SET evaluated = v.generation
        FROM unnest(${withRow.map((e) => e.planId)}::uuid[], ${withRow.map((e) => e.generation)}::bigint[]) AS v(plan_id, generation)
        WHERE g.plan_id = v.plan_id
      `.execute(trx)
    }
    return stored.map((e) => e.planId)
  })
}

/**
 * Records a constituency's agreement or reservation on a sub-step, replacing its earlier one (and
 * clearing its staleness), with a history entry. `scopes` is the content it is given on.
 */
export function upsert(
  db: Executor,
  input: {
    planId: string
    substep: string
    constituency: SignoffConstituency
    decision: SignoffDecision
    reason: string | null
    organisationId: string
    userId: string
    scopes: string[]
  },
) {
  return withTransaction(db, async (trx) => {
    const previous = await trx
      .selectFrom('substep_signoffs')
      .select(['decision', 'reason', 'stale_at'])
      .where('plan_id', '=', input.planId)
      .where('substep', '=', input.substep)
      .where('constituency', '=', input.constituency)
      .forUpdate()
      .executeTakeFirst()
    await trx
      .insertInto('substep_signoffs')
      .values({
        plan_id: input.planId,
        substep: input.substep,
        constituency: input.constituency,
        decision: input.decision,
        reason: input.reason,
        organisation_id: input.organisationId,
        user_id: input.userId,
        scopes: input.scopes,
      })
      .onConflict((oc) =>
        oc.columns(['plan_id', 'substep', 'constituency']).doUpdateSet({
          decision: input.decision,
          reason: input.reason,
          organisation_id: input.organisationId,
          user_id: input.userId,
          scopes: input.scopes,
          signed_at: sql`now()`,
          stale_at: null,
        }),
      )
      .execute()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.userId,
      action: input.decision === 'agree' ? 'agreed' : 'reserved',
      entityType: 'signoff',
      entityId: input.substep,
      oldValue: previous
        ? { decision: previous.decision, reason: previous.reason, stale: previous.stale_at !== null }
        : undefined,
      newValue: {
        substep: input.substep,
        constituency: input.constituency,
        decision: input.decision,
        reason: input.reason,
      },
    })
  })
}

/** Withdraws a constituency's sign-off on a sub-step; false when there was none. */
export function remove(
  db: Executor,
  input: { planId: string; substep: string; constituency: SignoffConstituency; userId: string },
) {
  return withTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom('substep_signoffs')
      .where('plan_id', '=', input.planId)
      .where('substep', '=', input.substep)
      .where('constituency', '=', input.constituency)
      .returning(['decision', 'reason'])
      .executeTakeFirst()
    if (!removed) return false
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.userId,
      action: 'withdrawn',
      entityType: 'signoff',
      entityId: input.substep,
      oldValue: { decision: removed.decision, reason: removed.reason },
      newValue: { substep: input.substep, constituency: input.constituency },
    })
    return true
  })
}
