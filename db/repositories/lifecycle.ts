import { sql } from 'kysely'
import { StaleRecordError, withTransaction, type Executor } from '../executor.ts'
import { type PlanSnapshot, type PlanStatus } from '../types.ts'
import * as ActivityRepository from './activity.ts'
import { planFacts } from './plans.ts'

/**
 * Moves a plan from `from` to `to`, refusing (StaleRecordError with the current plan) if someone
 * changed its status meanwhile. Approving freezes the next immutable version in the same transaction.
 */
export function transition(
  db: Executor,
  input: { planId: string; from: PlanStatus; to: PlanStatus; actorId: string; note: string | null; documents?: PlanSnapshot['documents'] },
) {
  return withTransaction(db, async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', input.planId).forUpdate().executeTakeFirstOrThrow()
    if (plan.status !== input.from) throw new StaleRecordError(plan)
    await trx.updateTable('plans').set({ status: input.to, version: plan.version + 1, updated_at: new Date() }).where('id', '=', input.planId).execute()
    let versionNumber: number | null = null
    if (input.to === 'approved') {
      const last = await trx.selectFrom('plan_versions').select(sql<number>`coalesce(max(number), 0)`.as('n')).where('plan_id', '=', input.planId).executeTakeFirstOrThrow()
      versionNumber = Number(last.n) + 1
      await trx
        .insertInto('plan_versions')
        .values({ plan_id: input.planId, number: versionNumber, snapshot: JSON.stringify(await buildSnapshot(trx, input.planId, input.documents)), approved_by: input.actorId, note: input.note })
        .execute()
    }
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'status_changed',
      entityType: 'plan',
      entityId: input.planId,
      oldValue: { status: input.from },
      newValue: { status: input.to, note: input.note, version: versionNumber },
    })
    return { versionNumber }
  })
}

/**
 * Everything an approved version freezes: metadata, team, worksheet items and documents. The
 * caller should pass the documents as they are now (snapshot plus update log, read through
 * Lexical); without them the stored renderings are used, which lag behind until compaction.
 */
export async function buildSnapshot(db: Executor, planId: string, current?: PlanSnapshot['documents']): Promise<PlanSnapshot> {
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow()
  const team = await db
    .selectFrom('plan_members')
    .innerJoin('users', 'users.id', 'plan_members.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.name', 'organisations.name as organisation', 'organisations.constituency', 'plan_members.role'])
    .where('plan_members.plan_id', '=', planId)
    .orderBy('users.name')
    .execute()
  const items = await db.selectFrom('worksheet_items').select(['id', 'kind', 'ref', 'position', 'data']).where('plan_id', '=', planId).orderBy('kind').orderBy('position').execute()
  const documents =
    current ??
    (await db.selectFrom('collab_documents').select(['name', 'plain_text']).where('plan_id', '=', planId).orderBy('name').execute()).map((d) => ({
      name: d.name,
      plainText: d.plain_text,
    }))
  // Scores too, so that an exported version shows the rankings the team approved.
  const scores = await db
    .selectFrom('scores')
    .innerJoin('users', 'users.id', 'scores.scorer_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['scores.subject_id', 'scores.criterion', 'scores.scorer_id', 'scores.value', 'organisations.constituency'])
    .where('scores.plan_id', '=', planId)
    .orderBy('scores.subject_id')
    .orderBy('scores.criterion')
    .orderBy('scores.scorer_id')
    .execute()
  return {
    plan: planFacts(plan),
    team,
    items,
    documents,
    scores,
  }
}

/** The approved versions of a plan, newest first, without their (large) snapshots. */
export function findVersions(db: Executor, planId: string) {
  return db
    .selectFrom('plan_versions')
    .leftJoin('users', 'users.id', 'plan_versions.approved_by')
    .select(['plan_versions.number', 'plan_versions.note', 'plan_versions.created_at', 'users.name as approved_by_name'])
    .where('plan_versions.plan_id', '=', planId)
    .orderBy('plan_versions.number', 'desc')
    .execute()
}

/** One approved version with its snapshot, only if it belongs to this plan. */
export function findVersion(db: Executor, planId: string, number: number) {
  return db
    .selectFrom('plan_versions')
    .leftJoin('users', 'users.id', 'plan_versions.approved_by')
    .select(['plan_versions.number', 'plan_versions.snapshot', 'plan_versions.note', 'plan_versions.created_at', 'users.name as approved_by_name'])
    .where('plan_versions.plan_id', '=', planId)
    .where('plan_versions.number', '=', number)
    .executeTakeFirst()
}

/** The organisations on the plan's team with their endorsement, if they recorded one. */
export function findEndorsements(db: Executor, planId: string) {
  return db
    .selectFrom('organisations')
    .leftJoin('plan_endorsements', (join) => join.onRef('plan_endorsements.organisation_id', '=', 'organisations.id').on('plan_endorsements.plan_id', '=', planId))
    .leftJoin('users', 'users.id', 'plan_endorsements.user_id')
    .select([
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
      'organisations.acronym',
      'organisations.constituency',
      'plan_endorsements.decision',
      'plan_endorsements.comment',
      'plan_endorsements.version_number',
      'plan_endorsements.updated_at',
      'users.name as recorded_by',
    ])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('plan_members')
          .innerJoin('users as u', 'u.id', 'plan_members.user_id')
          .select('plan_members.user_id')
          .where('plan_members.plan_id', '=', planId)
          .whereRef('u.organisation_id', '=', 'organisations.id'),
      ),
    )
    .orderBy('organisations.constituency')
    .orderBy('organisations.name')
    .execute()
}

/** Records (or replaces) an organisation's endorsement or objection, against the latest approved version. */
export function upsertEndorsement(db: Executor, input: { planId: string; organisationId: string; decision: 'endorse' | 'object'; comment: string | null; userId: string }) {
  return withTransaction(db, async (trx) => {
    const latest = await trx.selectFrom('plan_versions').select(sql<number | null>`max(number)`.as('n')).where('plan_id', '=', input.planId).executeTakeFirstOrThrow()
    const before = await trx.selectFrom('plan_endorsements').select(['decision', 'comment', 'version_number']).where('plan_id', '=', input.planId).where('organisation_id', '=', input.organisationId).executeTakeFirst()
    const values = { decision: input.decision, comment: input.comment, version_number: latest.n === null ? null : Number(latest.n), user_id: input.userId, updated_at: new Date() }
    await trx
      .insertInto('plan_endorsements')
      .values({ plan_id: input.planId, organisation_id: input.organisationId, ...values })
      .onConflict((oc) => oc.columns(['plan_id', 'organisation_id']).doUpdateSet(values))
      .execute()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.userId,
      action: input.decision === 'endorse' ? 'endorsed' : 'objected',
      entityType: 'endorsement',
      entityId: input.organisationId,
      oldValue: before ?? undefined,
      newValue: { decision: input.decision, comment: input.comment, version: values.version_number },
    })
  })
}
