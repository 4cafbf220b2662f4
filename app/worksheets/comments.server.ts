import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan, type Actor, type PlanRole } from '../utils/permissions.ts'
import { isSubstepCode } from '../utils/substeps.ts'
import { uuid, z } from '../utils/validation.ts'

export const subjectSchema = z.object({
  subjectType: z.enum(['item', 'substep', 'plan']),
  subjectId: z.string().min(1).max(100),
})

export const commentSchema = subjectSchema.extend({
  parentId: uuid.optional(),
  body: z.string({ required_error: 'validation.required' }).trim().min(1).max(5000),
})

/**
 * The label of a comment subject on this plan (an item's ref, a sub-step code), or null when the
 * subject does not exist or belongs to another plan.
 */
export async function subjectLabel(db: Db, planId: string, subjectType: 'item' | 'substep' | 'plan', subjectId: string) {
  switch (subjectType) {
    case 'item': {
      if (!uuid.safeParse(subjectId).success) return null
      const item = await ItemRepository.findById(db, planId, subjectId)
      return item ? item.ref : null
    }
    case 'substep':
      return isSubstepCode(subjectId) ? subjectId : null
    case 'plan':
      return subjectId === planId ? 'plan' : null
  }
}

/** The thread of one subject; 400 for a malformed query, 404 for a subject not on this plan. */
export async function loadThread(db: Db, planId: string, params: URLSearchParams) {
  const parsed = subjectSchema.safeParse({ subjectType: params.get('subjectType'), subjectId: params.get('subjectId') })
  if (!parsed.success) throw data({ message: 'Bad request' }, { status: 400 })
  const { subjectType, subjectId } = parsed.data
  if ((await subjectLabel(db, planId, subjectType, subjectId)) === null) throw data({ message: 'Not found' }, { status: 404 })
  const comments = await CommentRepository.findThread(db, planId, subjectType, subjectId)
  return { subjectType, subjectId, comments }
}

interface CommentContext {
  db: Db
  planId: string
  actor: Actor
  role: PlanRole | null
  formData: FormData
}

/** Adds a comment or a reply (a reply must belong to the same thread); answers with the new thread. */
export async function handleCommentAction({ db, planId, actor, role, formData }: CommentContext) {
  if (!canOnPlan(actor, role, 'comment:create')) throw data({ message: 'Forbidden' }, { status: 403 })
  const submission = parseWithZod(formData, { schema: commentSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), comments: null }, { status: 400 })
  const { subjectType, subjectId, parentId, body } = submission.value
  const label = await subjectLabel(db, planId, subjectType, subjectId)
  if (label === null) return data({ result: submission.reply({ formErrors: ['validation.unknownItem'] }), comments: null }, { status: 404 })
  if (parentId) {
    const parent = await CommentRepository.findById(db, planId, parentId)
    if (!parent || parent.subject_type !== subjectType || parent.subject_id !== subjectId) {
      return data({ result: submission.reply({ fieldErrors: { parentId: ['validation.commentParent'] } }), comments: null }, { status: 400 })
    }
  }
  await CommentRepository.insert(db, { planId, subjectType, subjectId, parentId: parentId ?? null, authorId: actor.id, body, label })
  const comments = await CommentRepository.findThread(db, planId, subjectType, subjectId)
  return { result: submission.reply({ resetForm: true }), comments }
}
