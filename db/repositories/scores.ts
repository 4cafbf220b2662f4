import { sql } from 'kysely'
import { StaleRecordError, withTransaction, type Executor } from '../executor.ts'
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

/** One participant's scores for one item (criterion → value), with the participant's name. */
export async function findForScorer(db: Executor, input: { planId: string; subjectId: string; scorerId: string }) {
  const [rows, scorer] = await Promise.all([
    db
      .selectFrom('scores')
      .select(['criterion', 'value'])
      .where('plan_id', '=', input.planId)
      .where('subject_id', '=', input.subjectId)
      .where('scorer_id', '=', input.scorerId)
      .execute(),
    db.selectFrom('users').select('name').where('id', '=', input.scorerId).executeTakeFirst(),
  ])
  return {
    values: Object.fromEntries(rows.map((r) => [r.criterion, r.value])) as Record<string, number>,
    scorerName: scorer?.name ?? null,
  }
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
 * Each participant owns their own rows, so concurrent scorers never overwrite each other. With
 * `expected` (the scores the caller merged against), it throws StaleRecordError when any of the
 * saved criteria holds something else by now (the same person saving from another tab or device).
 */
export function upsertForScorer(
  db: Executor,
  input: {
    planId: string
    subjectId: string
    scorerId: string
    values: Record<string, number | null>
    expected?: Record<string, number | null | undefined>
  },
) {
  return withTransaction(db, async (trx) => {
    // Scores have no version column and an absent criterion has no row to lock: this lock makes the
    // compare and the write one step for this participant and item.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`scores:${input.subjectId}:${input.scorerId}`}))`.execute(trx)
    const before = await trx
      .selectFrom('scores')
      .select(['criterion', 'value'])
      .where('subject_id', '=', input.subjectId)
      .where('scorer_id', '=', input.scorerId)
      .execute()
    if (input.expected) {
      const now = new Map(before.map((b) => [b.criterion, b.value]))
      const expected = input.expected
      if (Object.keys(input.values).some((c) => (now.get(c) ?? null) !== (expected[c] ?? null)))
        throw new StaleRecordError(Object.fromEntries(now))
    }
    for (const [criterion, value] of Object.entries(input.values)) {
      if (value === null) {
        await trx
          .deleteFrom('scores')
          .where('subject_id', '=', input.subjectId)
          .where('scorer_id', '=', input.scorerId)
          .where('criterion', '=', criterion)
          .execute()
      } else {
        await trx
          .insertInto('scores')
          .values({ plan_id: input.planId, subject_id: input.subjectId, scorer_id: input.scorerId, criterion, value })
          .onConflict((oc) =>
            oc.columns(['subject_id', 'criterion', 'scorer_id']).doUpdateSet({ value, updated_at: sql`now()` }),
          )
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
