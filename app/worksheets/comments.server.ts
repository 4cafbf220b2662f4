import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan, type Actor, type PlanRole } from '#core/permissions.ts'
import { isSubstepCode } from '#core/substeps.ts'
import * as MentionRepository from '#db/repositories/mentions.ts'
import * as NotificationRepository from '#db/repositories/notifications.ts'
import { mentionedIds, mentionExcerpt, MAX_MENTIONS, resolveMentions } from '#core/mentions/tokens.ts'
import { KINDS } from '../method/worksheets.ts'
import { isStorable, uuid, z } from '../utils/validation.ts'

export const subjectSchema = z.object({
  subjectType: z.enum(['item', 'substep', 'plan']),
  subjectId: z.string().min(1).max(100),
})

export const commentSchema = subjectSchema.extend({
  parentId: uuid.optional(),
  body: z
    .string({ required_error: 'validation.required' })
    .trim()
    .min(1)
    .max(5000)
    .refine(isStorable, 'validation.invalid'),
  // The people picked in the "@" list; the body shows them as "@Name" (ADR 062).
  mentions: z.array(uuid).max(MAX_MENTIONS, 'validation.tooManyMentions').optional(),
})

/**
 * The label of a comment subject on this plan (an item's ref, a sub-step code), or null when the
 * subject does not exist or belongs to another plan.
 */
export async function subjectLabel(
  db: Db,
  planId: string,
  subjectType: 'item' | 'substep' | 'plan',
  subjectId: string,
) {
  return (await findSubject(db, planId, subjectType, subjectId))?.label ?? null
}

/** A comment subject's label and the page that shows its thread, or null when it is not on this plan. */
async function findSubject(db: Db, planId: string, subjectType: 'item' | 'substep' | 'plan', subjectId: string) {
  switch (subjectType) {
    case 'item': {
      if (!uuid.safeParse(subjectId).success) return null
      const item = await ItemRepository.findById(db, planId, subjectId)
      const substep = item ? KINDS[item.kind]?.substep : undefined
      if (!item) return null
      return {
        label: item.ref,
        link: substep ? `/plans/${planId}/steps/${substep}#item-${item.id}` : `/plans/${planId}`,
      }
    }
    case 'substep':
      return isSubstepCode(subjectId)
        ? { label: subjectId, link: `/plans/${planId}/steps/${subjectId}#discussion` }
        : null
    // The plan's own thread is read on its review page.
    case 'plan':
      return subjectId === planId ? { label: 'plan', link: `/plans/${planId}/review` } : null
  }
}

/** The thread of one subject; 400 for a malformed query, 404 for a subject not on this plan. */
export async function loadThread(db: Db, planId: string, params: URLSearchParams) {
  const parsed = subjectSchema.safeParse({ subjectType: params.get('subjectType'), subjectId: params.get('subjectId') })
  if (!parsed.success) throw data({ message: 'Bad request' }, { status: 400 })
  const { subjectType, subjectId } = parsed.data
  if ((await subjectLabel(db, planId, subjectType, subjectId)) === null)
    throw data({ message: 'Not found' }, { status: 404 })
  const comments = await CommentRepository.findThread(db, planId, subjectType, subjectId)
  return { subjectType, subjectId, comments }
}

interface CommentContext {
  db: Db
  planId: string
  /** For the notifications of the people it mentions. */
  planTitle: string
  actor: Actor & { name: string }
  role: PlanRole | null
  formData: FormData
}

/** The subject whose current thread a successful answer comes with (see `withCurrentThread`). */
interface ThreadOf {
  subjectType: 'item' | 'substep' | 'plan'
  subjectId: string
}

/**
 * A successful answer names its thread rather than carrying it, so that what is kept for a resent
 * comment stays small (ADR 039); the thread as it is now is added to the answer here.
 */
export async function withCurrentThread<T>(db: Db, planId: string, answer: T) {
  if (typeof answer !== 'object' || answer === null || !('threadOf' in answer)) return answer
  const { threadOf, ...rest } = answer as T & { threadOf: ThreadOf }
  return { ...rest, comments: await CommentRepository.findThread(db, planId, threadOf.subjectType, threadOf.subjectId) }
}

/** Adds a comment or a reply (a reply must belong to the same thread); answers with its thread (see `withCurrentThread`). */
export async function handleCommentAction(context: CommentContext) {
  const { db, planId, actor, role, formData } = context
  if (formData.get('intent') === 'review:resolve') return handleResolve(context)
  if (!canOnPlan(actor, role, 'comment:create')) throw data({ message: 'Forbidden' }, { status: 403 })
  const submission = parseWithZod(formData, { schema: commentSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), comments: null }, { status: 400 })
  const { subjectType, subjectId, parentId, mentions } = submission.value
  const subject = await findSubject(db, planId, subjectType, subjectId)
  if (subject === null)
    return data(
      { result: submission.reply({ formErrors: ['validation.unknownItem'] }), comments: null },
      { status: 404 },
    )
  if (parentId) {
    const parent = await CommentRepository.findById(db, planId, parentId)
    if (!parent || parent.subject_type !== subjectType || parent.subject_id !== subjectId) {
      return data(
        { result: submission.reply({ fieldErrors: { parentId: ['validation.commentParent'] } }), comments: null },
        { status: 400 },
      )
    }
  }
  // A top-level comment by an ILO reviewer is a review comment, counted until the lead resolves it.
  const isReview = actor.globalRole === 'ilo_reviewer' && !parentId
  // Mentions become tokens only for people who may read the plan; anyone else stays plain text.
  const readers = await MentionRepository.findReaders(db, planId, [
    ...(mentions ?? []),
    ...mentionedIds(submission.value.body),
  ])
  const { body, mentioned } = resolveMentions(submission.value.body, mentions ?? [], readers)
  const comment = await CommentRepository.insert(db, {
    planId,
    subjectType,
    subjectId,
    parentId: parentId ?? null,
    authorId: actor.id,
    body,
    label: subject.label,
    isReview,
    link: subject.link,
  })
  await NotificationRepository.insertMany(
    db,
    mentioned.map((userId) => ({
      userId,
      kind: 'mention' as const,
      planId,
      actorId: actor.id,
      params: {
        planTitle: context.planTitle,
        actorName: actor.name,
        excerpt: mentionExcerpt(body),
        where: 'comment' as const,
        subject: subjectType,
        ref: subjectType === 'plan' ? null : subject.label,
      },
      path: subject.link,
      // The key of the review-comment notice too: someone answered and mentioned in one comment is told once.
      dedupeKey: `comment:${comment.id}`,
    })),
  )
  return { result: submission.reply({ resetForm: true }), threadOf: { subjectType, subjectId } satisfies ThreadOf }
}

const resolveSchema = z.object({ id: uuid, resolved: z.enum(['true', 'false']) })

/** The lead marks a review comment resolved, or open again. */
async function handleResolve({ db, planId, actor, role, formData }: CommentContext) {
  if (!canOnPlan(actor, role, 'review:resolve')) throw data({ message: 'Forbidden' }, { status: 403 })
  const parsed = resolveSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success)
    return data(
      { result: { status: 'error' as const, error: { '': ['validation.invalid'] } }, comments: null },
      { status: 400 },
    )
  const comment = await CommentRepository.findById(db, planId, parsed.data.id)
  // A comment that exists but is not a review comment cannot be in the state asked for: a conflict.
  if (comment && !comment.is_review)
    return data(
      { result: { status: 'error' as const, error: { '': ['validation.notReviewComment'] } }, comments: null },
      { status: 409 },
    )
  const done = comment
    ? await CommentRepository.resolve(db, {
        planId,
        id: parsed.data.id,
        actorId: actor.id,
        resolved: parsed.data.resolved === 'true',
      })
    : false
  if (!comment || !done)
    return data(
      { result: { status: 'error' as const, error: { '': ['validation.unknownItem'] } }, comments: null },
      { status: 404 },
    )
  return {
    result: { status: 'success' as const },
    threadOf: { subjectType: comment.subject_type, subjectId: comment.subject_id } satisfies ThreadOf,
  }
}
