// GET /plans/:planId/events — Server-Sent Events telling an open page of the plan that its data
// changed (worksheet records, scores, comments, team, details and status, measurements, approved
// versions, endorsements), so it reloads within a second.
// Access is re-checked on every change and every minute: a removed member's stream ends.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { planEventsReady, subscribeToPlanChanges } from '../utils/plan-events.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { asResourceGuard } from '../utils/resource-response.server.ts'
import { eventStreamResponse, type StreamStep } from '../utils/event-stream.server.ts'

async function stillAllowed(request: Request, planId: string): Promise<boolean> {
  try {
    await requirePlanAccess(request, planId, 'plan:read')
    return true
  } catch (error) {
    if (error instanceof Error) throw error // a database failure is not a refusal
    return false
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await asResourceGuard(() => requirePlanAccess(request, params.planId, 'plan:read'), {
    'Cache-Control': 'no-store',
  })
  const planId = plan.id
  // LISTEN is in place before the stream opens, so no change after this response can be missed.
  await planEventsReady()
  const allowedOrDenied = async (then: StreamStep): Promise<StreamStep> =>
    (await stillAllowed(request, planId)) ? then : 'denied'
  return eventStreamResponse({
    request,
    subscribe: (wake) => subscribeToPlanChanges(planId, wake),
    onWake: () => allowedOrDenied({ event: 'change', data: { planId } }),
    onRecheck: () => allowedOrDenied(null),
  })
}
