// Fetching a collab token from the web app (GET /api/collab/token). Browser side.
import { type AccessMode } from '#core/vocabulary.ts'

export interface CollabTicket {
  url: string
  doc: string
  token: string
  mode: AccessMode
  expiresAt: string
  /** The plan status that makes the document read-only for someone who could edit it in a draft. */
  lock: string | null
}

export type TicketFailure = 'offline' | 'signedOut' | 'noAccess' | 'error'
export type TicketResult = { ok: true; ticket: CollabTicket } | { ok: false; reason: TicketFailure }

function isTicket(value: unknown): value is CollabTicket {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return (
    typeof v.url === 'string' &&
    typeof v.doc === 'string' &&
    typeof v.token === 'string' &&
    (v.mode === 'rw' || v.mode === 'ro') &&
    typeof v.expiresAt === 'string' &&
    (v.lock === undefined || v.lock === null || typeof v.lock === 'string')
  )
}

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
  if (response.type === 'opaqueredirect' || response.status === 401 || (response.status >= 300 && response.status < 400)) {
    return { ok: false, reason: 'signedOut' }
  }
  if (response.status === 403 || response.status === 404) return { ok: false, reason: 'noAccess' }
  if (!response.ok) return { ok: false, reason: 'error' }
  try {
    const body: unknown = await response.json()
    return isTicket(body) ? { ok: true, ticket: { ...body, lock: body.lock ?? null } } : { ok: false, reason: 'error' }
  } catch {
    return { ok: false, reason: 'error' }
  }
}
