import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import * as MentionRepository from '#db/repositories/mentions.ts'
import { getDb } from '../utils/db.server.ts'
import { answerOnce, changedAfterSave, readEntryKey } from '../utils/idempotency.server.ts'
import { requirePlanAccess, toActor } from '../utils/plan-access.server.ts'
import { keepFormOnFailure, keepPageOnLoadFailure, skipRevalidationOnFailure } from '../utils/save-failure.ts'
import { readFormData } from '../utils/request.server.ts'
import { asResourceResponse } from '../utils/resource-response.server.ts'
import { handleCommentAction, loadThread, withCurrentThread } from '../worksheets/comments.server.ts'

// Resource route: the comment thread of one artefact, sub-step or plan, and the form that adds to it.

// Offline or a server failure: the form keeps what was typed and offers to send it again (ADR 038).
export const clientAction = keepFormOnFailure
// Loading the thread offline says so in the thread; the page and the comment being typed stay.
export const clientLoader = keepPageOnLoadFailure
export const shouldRevalidate = skipRevalidationOnFailure

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, abilities } = await requirePlanAccess(request, params.planId, 'plan:read')
  const thread = await loadThread(getDb(), plan.id, new URL(request.url).searchParams)
  const canComment = abilities['comment:create']
  // Whom the "@" list offers (ADR 062); only to those who may write a comment.
  const mentionable = canComment ? await MentionRepository.findMentionable(getDb(), plan.id) : []
  return { ...thread, canComment, mentionable }
}

// Every refusal answers with its real status (400, 403, 404, 409), to fetchers and plain form posts alike.
export async function action({ request, params }: ActionFunctionArgs) {
  return asResourceResponse(async () => {
    const { plan, user, role } = await requirePlanAccess(request, params.planId, 'comment:create')
    const formData = await readFormData(request)
    // A resent comment (its reply was lost) answers as the first time instead of posting twice (ADR 039).
    const answer = await answerOnce(
      getDb(),
      readEntryKey(request, formData, user.id),
      (db) =>
        handleCommentAction({
          db,
          planId: plan.id,
          planTitle: plan.title,
          actor: { ...toActor(user), name: user.name },
          role,
          formData,
        }),
      () => data({ result: changedAfterSave(), comments: null }, { status: 409 }),
    )
    return withCurrentThread(getDb(), plan.id, answer)
  })
}
