import { sql } from 'kysely'
import { withTransaction, type Executor } from '../executor.ts'
import * as ActivityRepository from './activity.ts'

/** Every score on the plan's items of `kind`, with the scorer's name and constituency. */
export function findByKind(db: Executor, planId: string, kind: string) {
  return db
    .selectFrom('scores')
    .innerJoin('worksheet_items', 'worksheet_items.id', 'scores.subject_id')
    .innerJoin('users', 'users.id', 'scores.scorer_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'scores.subject_id',
      'scores.criterion',
      'scores.scorer_id',
      'scores.value',
      'users.name as scorer_name',
      'organisations.acronym as scorer_organisation',
      'organisations.constituency',
    ])
    .where('scores.plan_id', '=', planId)
    .where('worksheet_items.kind', '=', kind)
    .execute()
}

/** Every score on the given plans with the kind of item it scores, for the progress rules: one query. */
export function findForProgress(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('scores')
    .innerJoin('worksheet_items', 'worksheet_items.id', 'scores.subject_id')
    .innerJoin('users', 'users.id', 'scores.scorer_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['scores.plan_id', 'scores.subject_id', 'scores.criterion', 'worksheet_items.kind'])
    .where('scores.plan_id', 'in', planIds)
    .execute()
}

/**
 * Saves one participant's scores for one item (criterion → value; null clears a criterion).
 * Each participant owns their own row, so concurrent scorers never overwrite each other.
 */
export function upsertForScorer(
  db: Executor,
  input: { planId: string; subjectId: string; scorerId: string; values: Record<string, number | null> },
) {
  return withTransaction(db, async (trx) => {
    const before = await trx.selectFrom('scores').select(['criterion', 'value']).where('subject_id', '=', input.subjectId).where('scorer_id', '=', input.scorerId).execute()
    for (const [criterion, value] of Object.entries(input.values)) {
      if (value === null) {
        await trx.deleteFrom('scores').where('subject_id', '=', input.subjectId).where('scorer_id', '=', input.scorerId).where('criterion', '=', criterion).execute()
      } else {
        await trx
          .insertInto('scores')
          .values({ plan_id: input.planId, subject_id: input.subjectId, scorer_id: input.scorerId, criterion, value })
          .onConflict((oc) => oc.columns(['subject_id', 'criterion', 'scorer_id']).doUpdateSet({ value, updated_at: sql`now()` }))
          .execute()
      }
    }
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.scorerId,
      action: 'scored',
      entityType: 'score',
      entityId: input.subjectId,
      oldValue: Object.fromEntries(before.map((b) => [b.criterion, b.value])),
      newValue: input.values,
    })
  })
}
