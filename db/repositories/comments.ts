import { sql } from 'kysely'
import { withTransaction, type Executor } from '../executor.ts'
import { type CommentsTable } from '../types.ts'
import * as ActivityRepository from './activity.ts'
import * as ReviewNotifications from './review-notifications.ts'

export type CommentSubjectType = CommentsTable['subject_type']

/** One thread (all comments on one subject), oldest first, with author name and organisation. */
export function findThread(db: Executor, planId: string, subjectType: CommentSubjectType, subjectId: string) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'comments.id',
      'comments.parent_id',
      'comments.body',
      'comments.created_at',
      'users.name as author_name',
      'organisations.acronym as author_organisation',
      'organisations.name as author_organisation_name',
      'organisations.constituency as author_constituency',
      'comments.is_review',
      'comments.resolved_at',
    ])
    .where('comments.plan_id', '=', planId)
    .where('comments.subject_type', '=', subjectType)
    .where('comments.subject_id', '=', subjectId)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute()
}

/** Every comment of a plan with its author, oldest first (for search). */
export function findByPlan(db: Executor, planId: string) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .select([
      'comments.id',
      'comments.subject_type',
      'comments.subject_id',
      'comments.body',
      'comments.created_at',
      'users.name as author_name',
    ])
    .where('comments.plan_id', '=', planId)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute()
}

/** One comment of this plan (an id from another plan finds nothing). */
export function findById(db: Executor, planId: string, id: string) {
  return db
    .selectFrom('comments')
    .select(['id', 'subject_type', 'subject_id', 'parent_id', 'is_review'])
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Number of comments per subject on a plan, by subject type then subject id, in one query. */
export async function countByPlan(db: Executor, planId: string) {
  const rows = await db
    .selectFrom('comments')
    .select(['subject_type', 'subject_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('plan_id', '=', planId)
    .groupBy(['subject_type', 'subject_id'])
    .execute()
  const counts: Record<CommentSubjectType, Record<string, number>> = { item: {}, substep: {}, plan: {} }
  for (const r of rows) counts[r.subject_type][r.subject_id] = Number(r.n)
  return counts
}

/**
 * Adds a comment or a reply and records it in the plan's history. `label` names the subject there
 * (I1, 2.2). With `link` (the page that shows the thread) the people it concerns are told, in the
 * same transaction (ADR 061); the demo seed leaves it out and tells nobody.
 */
export function insert(
  db: Executor,
  input: {
    planId: string
    subjectType: CommentSubjectType
    subjectId: string
    parentId: string | null
    authorId: string
    body: string
    label: string
    isReview?: boolean
    createdAt?: Date
    link?: string
  },
) {
  return withTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('comments')
      .values({
        plan_id: input.planId,
        subject_type: input.subjectType,
        subject_id: input.subjectId,
        parent_id: input.parentId,
        author_id: input.authorId,
        body: input.body,
        is_review: input.isReview ?? false,
        created_at: input.createdAt,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.authorId,
      action: input.parentId ? 'replied' : 'created',
      entityType: 'comment',
      entityId: row.id,
      newValue: { ref: input.label, subjectType: input.subjectType, subjectId: input.subjectId, body: input.body },
    })
    if (input.link)
      await ReviewNotifications.commentPosted(trx, {
        planId: input.planId,
        commentId: row.id,
        actorId: input.authorId,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        parentId: input.parentId,
        isReview: input.isReview ?? false,
        body: input.body,
        ref: input.subjectType === 'plan' ? null : input.label,
        path: input.link,
      })
    return row
  })
}

/** Marks a review comment of this plan resolved (or open again); false when there is no such review comment. */
export function resolve(db: Executor, input: { planId: string; id: string; actorId: string; resolved: boolean }) {
  return withTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('comments')
      .set({ resolved_at: input.resolved ? new Date() : null, resolved_by: input.resolved ? input.actorId : null })
      .where('plan_id', '=', input.planId)
      .where('id', '=', input.id)
      .where('is_review', '=', true)
      .returning(['id', 'subject_id'])
      .executeTakeFirst()
    if (!row) return false
    // The history names the subject as the comment's own entry did (I1, 2.2), never by its id.
    const posted = await trx
      .selectFrom('activity_events')
      .select(sql<string | null>`new_value->>'ref'`.as('ref'))
      .where('plan_id', '=', input.planId)
      .where('entity_type', '=', 'comment')
      .where('entity_id', '=', row.id)
      .where('action', 'in', ['created', 'replied'])
      .executeTakeFirst()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: input.resolved ? 'resolved' : 'reopened',
      entityType: 'comment',
      entityId: row.id,
      newValue: { ref: posted?.ref ?? row.subject_id },
    })
    return true
  })
}

/** Open (unresolved) review comments of a plan, per subject id and in total. */
export async function countOpenReviews(db: Executor, planId: string) {
  const rows = await db
    .selectFrom('comments')
    .select(['subject_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('plan_id', '=', planId)
    .where('is_review', '=', true)
    .where('resolved_at', 'is', null)
    .groupBy('subject_id')
    .execute()
  const bySubject: Record<string, number> = Object.fromEntries(rows.map((r) => [r.subject_id, Number(r.n)]))
  return { total: Object.values(bySubject).reduce((a, b) => a + b, 0), bySubject }
}
