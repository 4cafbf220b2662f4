// GET /plans/:planId/events — Server-Sent Events telling an open page of the plan that its data
// changed (worksheet records, scores, comments, team, details and status, measurements, approved
// versions, endorsements), so it reloads within a second.
// Access is re-checked on every change and every minute: a removed member's stream ends.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { planEventsReady, subscribeToPlanChanges } from '../utils/plan-events.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { asResourceGuard } from '../utils/resource-response.server.ts'

const HEARTBEAT_MS = 25_000
const RECHECK_MS = 60_000

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
  const encoder = new TextEncoder()
  let close = () => {}

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false
      let checking = false
      let again = false
      const send = (text: string) => {
        if (closed) return
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          close()
        }
      }
      // Coalesces bursts: at most one access check runs, and one event follows it.
      const onChange = async () => {
        if (checking) {
          again = true
          return
        }
        checking = true
        try {
          do {
            again = false
            let allowed = true
            try {
              allowed = await stillAllowed(request, planId)
            } catch {
              // The database is unavailable: keep the stream, the next check decides.
            }
            if (!allowed) {
              send('event: denied\ndata: {}\n\n')
              close()
              return
            }
            send(`event: change\ndata: ${JSON.stringify({ planId })}\n\n`)
          } while (again && !closed)
        } finally {
          checking = false
        }
      }
      const recheck = async () => {
        try {
          if (!(await stillAllowed(request, planId))) {
            send('event: denied\ndata: {}\n\n')
            close()
          }
        } catch {
          // as above
        }
      }
      const unsubscribe = subscribeToPlanChanges(planId, () => void onChange())
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS)
      const recheckTimer = setInterval(() => void recheck(), RECHECK_MS)
      close = () => {
        if (closed) return
        closed = true
        unsubscribe()
        clearInterval(heartbeat)
        clearInterval(recheckTimer)
        request.signal.removeEventListener('abort', close)
        try {
          controller.close()
        } catch {
          // already closed by the client
        }
      }
      request.signal.addEventListener('abort', close)
      send('retry: 2000\n: connected\n\n')
    },
    cancel() {
      close()
    },
  })

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps the compression middleware from buffering the stream.
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  })
}
