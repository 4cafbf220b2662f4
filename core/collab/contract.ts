// The wire contract between the web app and collab-server. Isomorphic: no browser or Remix imports.
import { z } from 'zod'
import { ACCESS_MODES, PLAN_STATUSES } from '../vocabulary.ts'
import { isSubstepCode, type SubstepCode } from '../substeps.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A document is either a sub-step's notes or the plan narrative. */
export type DocRef = { planId: string; substep: SubstepCode | null }

export function docName(ref: DocRef): string {
  return ref.substep ? `plan.${ref.planId}.notes.${ref.substep}` : `plan.${ref.planId}.narrative`
}

/** Parses a document name; null for anything that is not exactly one of ours. */
export function parseDocName(name: string): DocRef | null {
  const m = /^plan\.([0-9a-f-]{36})\.(?:notes\.(\d\.\d)|narrative)$/.exec(name)
  if (!m || !UUID.test(m[1]!)) return null
  if (m[2] === undefined) return { planId: m[1]!, substep: null }
  return isSubstepCode(m[2]) ? { planId: m[1]!, substep: m[2] } : null
}

export const tokenClaimsSchema = z.object({
  sub: z.string().regex(UUID),
  doc: z.string().min(1).max(200),
  mode: z.enum(ACCESS_MODES),
  iat: z.number().int(),
  exp: z.number().int(),
})
export type TokenClaims = z.infer<typeof tokenClaimsSchema>

/**
 * The path on the portal's own origin where the web process forwards co-editing sockets to the
 * collab-server (ADR 052): `ws(s)://<the page's host>/collab/<doc>?token=…`.
 */
export const COLLAB_PATH = '/collab'

/** Where a ticket may tell the browser to connect: an absolute ws/wss URL, or a path on the page's origin. */
const ticketUrl = z.string().refine((url) => /^wss?:\/\/[^/]/i.test(url) || /^\/(?![/\\])/.test(url), {
  message: 'url must be a ws:// or wss:// URL or a path such as /collab',
})

/**
 * What `GET /api/collab/token` answers: where to connect, the document, its token and mode, and the
 * plan status that makes the document read-only for someone who could edit it in a draft (`lock`,
 * null when nothing locks it). The web app builds it, the browser parses the response with it.
 * `url` is COLLAB_PATH (the page's own origin) unless COLLAB_PUBLIC_URL names another server; an
 * older web app always sent an absolute URL, which still works (`collabSocketUrl`).
 */
export const collabTicketSchema = z.object({
  url: ticketUrl,
  doc: z.string(),
  token: z.string(),
  mode: z.enum(ACCESS_MODES),
  expiresAt: z.string(),
  // An answer without the field (an older web app during a deploy) means nothing locks it.
  lock: z
    .enum(PLAN_STATUSES)
    .nullish()
    .transform((lock) => lock ?? null),
})
export type CollabTicket = z.output<typeof collabTicketSchema>

/**
 * The WebSocket URL of a ticket's `url` for a page at `page` (the browser's `location`): an absolute
 * ws/wss URL as it is, a path on the page's own host, over wss when the page came over https (a
 * browser refuses ws from an https page). No trailing slash is added: the y-websocket client
 * appends `/<doc>`.
 */
export function collabSocketUrl(url: string, page: { protocol: string; host: string }): string {
  if (!url.startsWith('/')) return url
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${url}`
}

/** Lifetime of a collab token; the client fetches a new one before reconnecting. */
export const TOKEN_TTL_SECONDS = 5 * 60

/**
 * Largest frame the collab-server accepts (1 MiB). Shared so that the browser can refuse to send a
 * bigger one (the server would only close the socket, and a resend on reconnect would close it again).
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024

/** WebSocket close codes (4000-4999 is the application range). */
export const CLOSE_CODES = {
  unauthorized: 4401,
  forbidden: 4403,
  documentNotFound: 4404,
  messageTooLarge: 4413,
  rateLimited: 4429,
  malformed: 4400,
  loadFailed: 4500,
  permissionChanged: 4410,
  /**
   * The database now grants more than the connection's mode (a plan back in draft, a viewer made
   * co-author): nothing was lost, fetch a new token (it comes back `rw`) and reconnect at once.
   */
  modeUpgraded: 4411,
  serverShutdown: 4503,
  tooManyConnections: 4430,
  /** PostgreSQL could not store edits in time: unacknowledged edits are resent on reconnect. */
  storageUnavailable: 4502,
  /** The connection's token expired and was not refreshed in time: fetch a new one and reconnect. */
  tokenExpired: 4408,
  /**
   * The document reached its stored-size cap (`MAX_DOCUMENT_BYTES`): the edit was not stored. Do not
   * resend it; deleting content is still accepted.
   */
  documentTooLarge: 4414,
  /** The user sent more bytes than their budget (`USER_BYTES_*`) allows: wait, then reconnect and resend. */
  byteRateExceeded: 4431,
  /** The update introduces a Lexical node type the editor does not register: never stored. */
  unknownNodeType: 4415,
} as const

/**
 * Cap on a document's stored size (its encoded Yjs state, what every joining viewer downloads): 4 MiB.
 * The longest editing trace we know (a 105,000-character paper typed keystroke by keystroke) encodes
 * to about 0.3 MB as text and 0.4 MB as Lexical paragraphs; no plan narrative comes near.
 */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024

/**
 * Per-user byte budget across all of the user's sockets on one collab-server process: a token
 * bucket of 4 MiB (a whole document's worth of edits made offline can be resent at once) refilled
 * at 256 KiB/s (about four times the heaviest second of any real editing trace, a 69 KB paste).
 */
export const USER_BYTES_BURST = 4 * 1024 * 1024
export const USER_BYTES_PER_SECOND = 256 * 1024

/**
 * Message type (first varuint of a frame, beside y-websocket's 0 sync, 1 awareness, 2 auth,
 * 3 query-awareness) of the server's "saved" acknowledgement. Payload: one varUint8Array holding
 * `Y.encodeSnapshot` of the durably stored document (state vector + delete set). Sent only to
 * connections that ask for it with the URL parameter `SAVED_PARAM=1`, so that stock clients
 * without a handler never receive an unknown message type.
 */
export const MESSAGE_SAVED = 100
export const SAVED_PARAM = 'saved'

/**
 * Message type of a token refresh, client to server: one varString holding a fresh token for the
 * same user, document and mode. An open connection lives only as long as its token; a client that
 * sends a fresh one before expiry keeps its connection (and its presence), others are closed with
 * `tokenExpired`. A token that is invalid or for someone or something else closes with
 * `unauthorized`, one for another mode with `permissionChanged`.
 */
export const MESSAGE_TOKEN = 101
