// GET /notifications/:notificationId — follows a notification to what it is about, marking it read
// on the way (ADR 061). The notifications page links here, and so may an email: a signed-out
// person signs in first and comes back. Another person's id answers 404, like one that never existed.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import * as NotificationRepository from '#db/repositories/notifications.ts'
import { getDb } from '../utils/db.server.ts'
import { requireUser, safeRedirect } from '../utils/session.server.ts'
import { uuid } from '../utils/validation.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const id = uuid.safeParse(params.notificationId)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const row = await NotificationRepository.markRead(getDb(), user.id, id.data)
  if (!row) throw new Response('Not found', { status: 404 })
  // Paths are written by the portal's own producers; still, only one on this site is followed.
  throw redirect(safeRedirect(row.path, '/notifications'), { headers: { 'Cache-Control': 'no-store' } })
}
