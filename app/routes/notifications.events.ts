// GET /notifications/events — Server-Sent Events carrying the signed-in person's unread count to
// the bell in the header (ADR 061): once on connecting, then whenever their notifications are
// added or read (a trigger NOTIFYs `scp_user_notifications` with their id at commit; the web
// process's one LISTEN connection wakes this stream). Only a count travels, never a message; the
// session is checked on every change and every minute, and a signed-out person's stream ends.
import { type LoaderFunctionArgs } from '@remix-run/node'
import * as NotificationRepository from '#db/repositories/notifications.ts'
import { getDb } from '../utils/db.server.ts'
import { planEventsReady, subscribeToNotifications } from '../utils/plan-events.server.ts'
import { getSessionUser } from '../utils/session.server.ts'

const HEARTBEAT_MS = 25_000
const RECHECK_MS = 60_000

/** The unread count while the session still belongs to `userId`; null once it does not. */
async function unreadFor(request: Request, userId: string): Promise<number | null> {
  const user = await getSessionUser(request)
  if (user?.id !== userId) return null
  return NotificationRepository.countUnread(getDb(), userId)
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  // A stream has no sign-in page to go to: EventSource gives up on a 401 and the bell keeps its count.
  if (!user) return new Response('Unauthorized', { status: 401, headers: { 'Cache-Control': 'no-store' } })
  const userId = user.id
  // LISTEN is in place before the first count is read, so no change after it can be missed.
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
      // Coalesces bursts: at most one count runs at a time, and one more follows it if woken meanwhile.
      const refresh = async () => {
        if (checking) {
          again = true
          return
        }
        checking = true
        try {
          do {
            again = false
            let unread: number | null
            try {
              unread = await unreadFor(request, userId)
            } catch {
              continue // the database is unavailable: the next wake-up or recheck tries again
            }
            if (unread === null) {
              send('event: denied\ndata: {}\n\n')
              close()
              return
            }
            send(`event: count\ndata: ${JSON.stringify({ unread })}\n\n`)
          } while (again && !closed)
        } finally {
          checking = false
        }
      }
      const unsubscribe = subscribeToNotifications(userId, () => void refresh())
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS)
      const recheck = setInterval(() => void refresh(), RECHECK_MS)
      close = () => {
        if (closed) return
        closed = true
        unsubscribe()
        clearInterval(heartbeat)
        clearInterval(recheck)
        request.signal.removeEventListener('abort', close)
        try {
          controller.close()
        } catch {
          // already closed by the client
        }
      }
      request.signal.addEventListener('abort', close)
      send('retry: 2000\n: connected\n\n')
      void refresh()
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
