// GET /api/collab/token?planId=…&substep=… — a short-lived token for one collaborative document
// (a sub-step's notes, or the plan narrative when substep is omitted). Resource route.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { COLLAB_PATH, docName, type CollabTicket } from '#core/collab/contract.ts'
import { mintCollabToken } from '#core/collab/token.server.ts'
import { collabSecret, getEnv } from '../utils/env.server.ts'
import { documentLockedBy, documentMode } from '#core/permissions.ts'
import { requirePlanAccess, toActor } from '../utils/plan-access.server.ts'
import { asResourceGuard } from '../utils/resource-response.server.ts'
import { isSubstepCode } from '#core/substeps.ts'

const NO_STORE = { 'Cache-Control': 'no-store' }

const querySchema = z.object({
  planId: z.string(),
  substep: z
    .string()
    .optional()
    .refine((s) => s === undefined || isSubstepCode(s), { message: 'substep must be a sub-step code such as 1.1' }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const query = Object.fromEntries(new URL(request.url).searchParams)
  // Access first, so that a foreign plan is a 404 whatever else the query says.
  const { user, role, plan } = await asResourceGuard(
    () => requirePlanAccess(request, query.planId, 'plan:read'),
    NO_STORE,
  )
  const parsed = querySchema.safeParse(query)
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw Response.json({ message }, { status: 400, headers: NO_STORE })
  }
  const mode = documentMode(toActor(user), role, plan.status)
  if (!mode) throw Response.json({ message: 'Not found' }, { status: 404, headers: NO_STORE })
  const { planId, substep } = parsed.data
  const doc = docName({ planId, substep: isSubstepCode(substep) ? substep : null })
  const { token, expiresAt } = mintCollabToken({ sub: user.id, doc, mode }, collabSecret())
  const lock = documentLockedBy(toActor(user), role, plan.status)
  const ticket: CollabTicket = {
    // The page's own origin (this process forwards the socket, ADR 052) unless another is configured.
    url: getEnv().COLLAB_PUBLIC_URL ?? COLLAB_PATH,
    doc,
    token,
    mode,
    expiresAt: expiresAt.toISOString(),
    lock,
  }
  return Response.json(ticket, { headers: NO_STORE })
}
