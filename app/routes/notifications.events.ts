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
import { eventStreamResponse, type StreamStep } from '../utils/event-stream.server.ts'

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
  const count = async (): Promise<StreamStep> => {
    const unread = await unreadFor(request, userId)
    return unread === null ? 'denied' : { event: 'count', data: { unread } }
  }
  return eventStreamResponse({
    request,
    subscribe: (wake) => subscribeToNotifications(userId, wake),
    onWake: count,
    onRecheck: count,
    wakeOnOpen: true,
  })
}
