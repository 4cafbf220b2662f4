// Fetching a collab token from the web app (GET /api/collab/token). Browser side.
import { collabTicketSchema, type CollabTicket } from '#core/collab/contract.ts'

export { type CollabTicket }

export type TicketFailure = 'offline' | 'signedOut' | 'noAccess' | 'error'
export type TicketResult = { ok: true; ticket: CollabTicket } | { ok: false; reason: TicketFailure }

/** Asks the web app for a fresh token; never throws. */
export async function fetchTicket(planId: string, substep: string | null): Promise<TicketResult> {
  const query = new URLSearchParams({ planId })
  if (substep) query.set('substep', substep)
  let response: Response
  try {
    response = await fetch(`/api/collab/token?${query}`, {
      credentials: 'same-origin',
      cache: 'no-store',
      // A signed-out session is answered with a redirect to the sign-in page: never follow it.
      redirect: 'manual',
      headers: { Accept: 'application/json' },
    })
  } catch {
    return { ok: false, reason: 'offline' }
  }
  if (
    response.type === 'opaqueredirect' ||
    response.status === 401 ||
    (response.status >= 300 && response.status < 400)
  ) {
    return { ok: false, reason: 'signedOut' }
  }
  if (response.status === 403 || response.status === 404) return { ok: false, reason: 'noAccess' }
  if (!response.ok) return { ok: false, reason: 'error' }
  try {
    const parsed = collabTicketSchema.safeParse(await response.json())
    return parsed.success ? { ok: true, ticket: parsed.data } : { ok: false, reason: 'error' }
  } catch {
    return { ok: false, reason: 'error' }
  }
}
