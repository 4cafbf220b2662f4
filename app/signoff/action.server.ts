import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as SignoffRepository from '#db/repositories/signoffs.ts'
import { signoffConstituency, type PlanRole } from '#core/permissions.ts'
import { toActor } from '../utils/plan-access.server.ts'
import { type SessionUser } from '../utils/session.server.ts'
import { type SubstepCode } from '#core/substeps.ts'
import { signoffSchema } from './schema.ts'
import { substepScopes } from './scopes.server.ts'

// Agreeing, reserving and withdrawing on a sub-step page. Each person signs for their own
// organisation's constituency only; the permission module says who may (ADR 037).

/** Handles one sign-off form; 403 for anyone who may not sign for a constituency on this plan. */
export async function handleSignoffAction(ctx: {
  db: Db
  planId: string
  code: SubstepCode
  user: SessionUser
  role: PlanRole | null
  formData: FormData
}) {
  const constituency = signoffConstituency(toActor(ctx.user), ctx.role, ctx.user.constituency)
  if (!constituency) throw data({ message: 'Forbidden' }, { status: 403 })
  const submission = parseWithZod(ctx.formData, { schema: signoffSchema })
  if (submission.status !== 'success') return data({ signoff: submission.reply() }, { status: 400 })
  const v = submission.value
  const base = { planId: ctx.planId, substep: ctx.code, constituency, userId: ctx.user.id }
  if (v.intent === 'signoff.withdraw') {
    await SignoffRepository.remove(ctx.db, base)
  } else {
    await SignoffRepository.upsert(ctx.db, {
      ...base,
      decision: v.intent === 'signoff.agree' ? 'agree' : 'reserve',
      reason: v.intent === 'signoff.reserve' ? v.reason : null,
      organisationId: ctx.user.organisation_id,
      scopes: substepScopes(ctx.code),
    })
  }
  return { signoff: submission.reply({ resetForm: true }) }
}
