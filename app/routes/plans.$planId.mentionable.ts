import { type LoaderFunctionArgs } from '@remix-run/node'
import * as MentionRepository from '#db/repositories/mentions.ts'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'

// Resource route: the people the co-editor's "@" list offers on a plan (ADR 062): its active team,
// then the active ILO reviewers. Only for those who may edit its documents; names and organisations,
// never email addresses. The comment form gets the same list with its thread.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'document:edit')
  const people = await MentionRepository.findMentionable(getDb(), plan.id)
  return Response.json({ people }, { headers: { 'Cache-Control': 'private, no-store' } })
}
