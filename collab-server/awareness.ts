// Awareness (presence) sanitising. Clients control their awareness JSON, so the server rewrites
// every state it relays: identity fields come from the authenticated user, a connection may only
// speak for the Yjs client ids it introduced first, and read-only connections carry presence only.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { type Principal } from './auth.ts'

const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#ff7f0e',
  '#7f7f7f',
]

/** A stable colour per user, so a person keeps their colour across tabs and reconnects. */
export function userColor(userId: string): string {
  let h = 0
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return PALETTE[h % PALETTE.length]!
}

function identify(state: unknown, principal: Principal): Record<string, unknown> {
  const identity = {
    name: principal.name,
    color: userColor(principal.userId),
    userId: principal.userId,
    organisation: principal.organisation,
  }
  if (principal.mode === 'ro') {
    // Presence only: no cursor, selection or custom data a viewer could use to pose as an editor.
    return { ...identity, focusing: false, anchorPos: null, focusPos: null, awarenessData: {} }
  }
  const base = state !== null && typeof state === 'object' && !Array.isArray(state) ? state : {}
  return { ...base, ...identity }
}

/**
 * Re-encodes an awareness update with sanitised states. `claim(clientId)` says whether this
 * connection may speak for that id (and records the claim). Throws on malformed input.
 */
export function sanitizeAwarenessUpdate(
  update: Uint8Array,
  principal: Principal,
  claim: (clientId: number) => boolean,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update)
  const encoder = encoding.createEncoder()
  const count = decoding.readVarUint(decoder)
  if (count > 1000) throw new Error('too many awareness states')
  const entries: { clientId: number; clock: number; json: string }[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const raw = JSON.parse(decoding.readVarString(decoder)) as unknown
    if (!claim(clientId)) continue
    entries.push({ clientId, clock, json: raw === null ? 'null' : JSON.stringify(identify(raw, principal)) })
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update')
  if (entries.length === 0) return null
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, e.json)
  }
  return encoding.toUint8Array(encoder)
}
