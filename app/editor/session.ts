// One collaborative document in the browser: the stock y-websocket provider, a fresh token before
// every (re)connect, jittered reconnect backoff, "saved" acknowledgements and presence.
//
// The stock provider reconnects on its own with a plain exponential backoff (no jitter) and the
// URL it was given, i.e. with a token that lives five minutes. So every close from the server is
// made terminal for the provider (shouldReconnect: false) and this class reconnects instead:
// after a jittered delay it fetches a new token (and mode) and calls provider.connect().
import * as encoding from 'lib0/encoding'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { type AccessMode } from '#core/vocabulary.ts'
import {
  CLOSE_CODES,
  collabSocketUrl,
  MAX_MESSAGE_BYTES,
  MESSAGE_SAVED,
  MESSAGE_TOKEN,
  SAVED_PARAM,
  USER_BYTES_PER_SECOND,
} from '#core/collab/contract.ts'
import { readSavedMessage } from '#core/collab/saved.ts'
import { PendingEdits } from './pending-edits.ts'
import { sizeGuardedWebSocket } from './size-guard.ts'
import { splitSyncStep2 } from './split-sync.ts'
import { type CollabTicket, type TicketResult } from './ticket.ts'

export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'offline'
  | 'signedOut'
  | 'noAccess'
  | 'notFound'
  | 'tooLarge'
  /** The document reached its stored-size cap: the latest edits cannot be stored. */
  | 'documentFull'
  /** This person sent more than their byte budget: waiting for it to refill, then reconnecting. */
  | 'throttled'

/**
 * Why local edits can no longer reach the server (they stay in this tab only): an edit above the
 * size limit, a document at its size cap, a downgrade to read-only, or the end of the session.
 * Null while they can.
 */
export type StrandedCause = 'tooLarge' | 'documentFull' | 'readOnly' | 'locked' | 'noAccess' | 'signedOut' | 'notFound'

/**
 * How this person's access changed while the document was open, so that the editor can say why it
 * just became read-only or editable: the plan's status locked or unlocked it (submitted, approved,
 * back in draft), or their role on the plan changed.
 */
export type ModeChange = 'locked' | 'unlocked' | 'roleDowngraded' | 'roleUpgraded'

export interface Collaborator {
  clientId: number
  userId: string | null
  name: string
  organisation: string | null
  color: string
}

export interface SessionSnapshot {
  connection: ConnectionState
  mode: AccessMode
  /** The plan status that makes the document read-only although the person's role could edit it. */
  lock: string | null
  /** The latest change of mode since the document was opened (null: none). */
  modeChange: ModeChange | null
  /** How many times the mode changed since the document was opened. */
  modeChanges: number
  /** The server's content has arrived at least once (until then the editor must stay empty). */
  loaded: boolean
  /** Local edits the server has not acknowledged as stored. */
  unsaved: boolean
  /** The server has acknowledged this document at least once since it was opened. */
  acknowledged: boolean
  /** Other people on this document (one entry per person), as the server describes them. */
  others: Collaborator[]
  /** Set once local edits can no longer be saved; the user must be told and offered their text. */
  stranded: StrandedCause | null
}

export interface SessionOptions {
  fetchTicket: () => Promise<TicketResult>
  WebSocketPolyfill?: typeof WebSocket
  /** Reconnect delays: full jitter between half and all of min(max, base · 2^attempt). */
  baseDelayMs?: number
  maxDelayMs?: number
  random?: () => number
  /** The page's address, against which a ticket's path-only url is resolved; the browser's own by default. */
  location?: Pick<Location, 'protocol' | 'host'>
  /** Browser online/offline events; omitted outside the browser. */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { navigator: { onLine: boolean } }
  /** Largest frame sent to the server; bigger ones end the session (tooLarge). */
  maxMessageBytes?: number
  /** How long before its token expires a connection sends a fresh one (the server closes at expiry). */
  refreshMarginMs?: number
}

/** RFC 6455 "message too big": a server's own payload cap. */
const WS_MESSAGE_TOO_BIG = 1009
const TERMINAL_STATES: ReadonlySet<ConnectionState> = new Set([
  'signedOut',
  'noAccess',
  'notFound',
  'tooLarge',
  'documentFull',
])

/** Why the mode changed: the plan's status (what locks or unlocks it), else the person's role. */
export function describeModeChange(
  previousLock: string | null,
  next: { mode: AccessMode; lock: string | null },
): ModeChange {
  if (next.mode === 'ro') return next.lock ? 'locked' : 'roleDowngraded'
  return previousLock ? 'unlocked' : 'roleUpgraded'
}

/** The delay before reconnect attempt `attempt` (0-based). */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 20))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

function readCollaborator(clientId: number, state: Record<string, unknown>): Collaborator | null {
  if (typeof state.name !== 'string' || !state.name) return null
  return {
    clientId,
    userId: typeof state.userId === 'string' ? state.userId : null,
    name: state.name,
    organisation: typeof state.organisation === 'string' ? state.organisation : null,
    color: typeof state.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(state.color) ? state.color : '#666666',
  }
}

export class CollabSession {
  private provider: WebsocketProvider | null = null
  private pending: PendingEdits | null = null
  private snapshot: SessionSnapshot
  private readonly listeners = new Set<() => void>()
  private attempt = 0
  /** One immediate retry after an expired token per successful connection, then backoff. */
  private quickRetryUsed = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private refreshTimer: ReturnType<typeof setTimeout> | undefined
  private reconnecting = false
  private disposed = false
  private ticket: CollabTicket
  private readonly onOnline = () => this.scheduleReconnect(0)
  private readonly onOffline = () => {
    if (this.isTerminal()) return
    // The socket may take up to the provider's 30 s watchdog to notice; show the truth now.
    clearTimeout(this.timer)
    this.provider?.disconnect()
    this.set({ connection: 'offline' })
  }

  constructor(
    ticket: CollabTicket,
    private readonly options: SessionOptions,
  ) {
    this.ticket = ticket
    this.snapshot = {
      connection: 'connecting',
      mode: ticket.mode,
      lock: ticket.lock,
      modeChange: null,
      modeChanges: 0,
      loaded: false,
      unsaved: false,
      acknowledged: false,
      others: [],
      stranded: null,
    }
    options.window?.addEventListener('online', this.onOnline)
    options.window?.addEventListener('offline', this.onOffline)
  }

  get docName(): string {
    return this.ticket.doc
  }

  /** For CollaborationPlugin's providerFactory: the provider of `doc`, not connected yet. */
  createProvider(doc: Y.Doc): WebsocketProvider {
    this.provider?.destroy()
    this.pending?.dispose()
    const BaseSocket = this.options.WebSocketPolyfill ?? globalThis.WebSocket
    // A ticket's url is usually a path on this page's own origin (ADR 052).
    const url = collabSocketUrl(this.ticket.url, this.options.location ?? globalThis.location)
    const provider = new WebsocketProvider(url, this.ticket.doc, doc, {
      connect: false,
      params: this.params(),
      disableBc: true,
      maxBackoffTime: this.options.maxDelayMs ?? 30_000,
      shouldReconnect: () => false,
      WebSocketPolyfill: sizeGuardedWebSocket(
        BaseSocket,
        this.options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
        () => this.stop('tooLarge'),
        (frame) => splitSyncStep2(frame, this.pending?.updates ?? []),
      ),
    })
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) =>
      this.pending?.acknowledge(readSavedMessage(decoder))
    provider.on('sync', (synced: boolean) => {
      if (!synced || this.isTerminal()) return
      this.attempt = 0
      this.quickRetryUsed = false
      this.set({ connection: 'connected', loaded: true })
      this.scheduleRefresh()
    })
    provider.on('status', ({ status }) => {
      if (status === 'disconnected' && !this.disposed && this.snapshot.connection === 'connected') {
        this.set({ connection: this.isOffline() ? 'offline' : 'reconnecting' })
      }
    })
    provider.on('closed', ({ code }) => this.onServerClose(code))
    provider.awareness.on('change', () => this.updateOthers())
    const pending = new PendingEdits(doc, (origin) => origin === provider)
    pending.subscribe(() => this.set({ unsaved: pending.hasUnsaved, acknowledged: pending.hasAcknowledgement }))
    this.provider = provider
    this.pending = pending
    return provider
  }

  getSnapshot = (): SessionSnapshot => this.snapshot

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  destroy(): void {
    if (this.disposed) return
    this.disposed = true
    clearTimeout(this.timer)
    clearTimeout(this.refreshTimer)
    this.options.window?.removeEventListener('online', this.onOnline)
    this.options.window?.removeEventListener('offline', this.onOffline)
    this.pending?.dispose()
    this.provider?.destroy()
    this.listeners.clear()
  }

  private params(): Record<string, string> {
    return { token: this.ticket.token, [SAVED_PARAM]: '1' }
  }

  private isOffline(): boolean {
    return this.options.window ? !this.options.window.navigator.onLine : false
  }

  private onServerClose(code: number): void {
    clearTimeout(this.refreshTimer)
    if (this.disposed || this.isTerminal()) return
    if (code === CLOSE_CODES.documentNotFound) return this.stop('notFound')
    // Reconnecting would resend the same oversized edit (SyncStep2) and be closed again.
    if (code === CLOSE_CODES.messageTooLarge || code === WS_MESSAGE_TOO_BIG) return this.stop('tooLarge')
    // Resending would pass the document's cap again: hand the text back (ADR 020, ADR 034).
    if (code === CLOSE_CODES.documentTooLarge) return this.stop('documentFull')
    if (code === CLOSE_CODES.byteRateExceeded) {
      // Nothing is lost: the unsaved edits are resent on reconnect, once the budget covers them.
      this.set({ connection: 'throttled' })
      return this.scheduleReconnect(Math.max(this.nextDelay(), this.refillDelay()))
    }
    if (this.snapshot.connection === 'connected' || this.snapshot.connection === 'connecting') {
      this.set({ connection: this.isOffline() ? 'offline' : 'reconnecting' })
    }
    // An expired token is routine, and so is a change of mode (the plan was submitted or is back in
    // draft, the role changed): fetch a new token at once, so the editor follows the plan's status
    // without delay (once; a token refused again backs off).
    const routine =
      code === CLOSE_CODES.unauthorized ||
      code === CLOSE_CODES.tokenExpired ||
      code === CLOSE_CODES.permissionChanged ||
      code === CLOSE_CODES.modeUpgraded
    const quick = routine && !this.quickRetryUsed
    if (quick) this.quickRetryUsed = true
    this.scheduleReconnect(quick ? 0 : this.nextDelay())
  }

  /** How long the server's byte budget takes to cover the edits still to send. */
  private refillDelay(): number {
    const bytes = (this.pending?.updates ?? []).reduce((sum, update) => sum + update.byteLength, 0)
    return Math.ceil((bytes / USER_BYTES_PER_SECOND) * 1000)
  }

  private nextDelay(): number {
    return backoffDelay(
      this.attempt++,
      this.options.baseDelayMs ?? 500,
      this.options.maxDelayMs ?? 30_000,
      this.options.random ?? Math.random,
    )
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.disposed || this.isTerminal()) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.reconnect(), delayMs)
  }

  private isTerminal(): boolean {
    return TERMINAL_STATES.has(this.snapshot.connection)
  }

  /** Ends the session for good; local edits not yet stored are stranded (and must be offered). */
  private stop(state: 'signedOut' | 'noAccess' | 'notFound' | 'tooLarge' | 'documentFull'): void {
    if (this.isTerminal()) return
    clearTimeout(this.timer)
    clearTimeout(this.refreshTimer)
    this.provider?.disconnect()
    const stranded = state === 'tooLarge' || state === 'documentFull' || this.pending?.hasUnsaved ? state : null
    this.set({ connection: state, stranded: this.snapshot.stranded ?? stranded })
  }

  private async reconnect(): Promise<void> {
    const provider = this.provider
    if (this.disposed || !provider || this.reconnecting || provider.wsconnected || provider.wsconnecting) return
    if (this.isOffline()) {
      this.set({ connection: 'offline' })
      return // the 'online' event resumes
    }
    this.reconnecting = true
    try {
      const result = await this.options.fetchTicket()
      if (this.disposed) return
      if (!result.ok) {
        if (result.reason === 'signedOut' || result.reason === 'noAccess') return this.stop(result.reason)
        this.set({ connection: result.reason === 'offline' ? 'offline' : 'reconnecting' })
        this.scheduleReconnect(this.nextDelay())
        return
      }
      this.ticket = result.ticket
      provider.params = this.params()
      const next = result.ticket
      // A downgrade to read-only: the server will refuse the edits it has not stored yet.
      const downgraded = this.snapshot.mode === 'rw' && next.mode === 'ro' && this.pending?.hasUnsaved
      if (downgraded && !this.snapshot.stranded) this.set({ stranded: next.lock ? 'locked' : 'readOnly' })
      const changed = next.mode !== this.snapshot.mode
      const modeChange = changed ? describeModeChange(this.snapshot.lock, next) : this.snapshot.modeChange
      const modeChanges = this.snapshot.modeChanges + (changed ? 1 : 0)
      this.set({
        mode: next.mode,
        lock: next.lock,
        modeChange,
        modeChanges,
        connection: this.snapshot.connection === 'offline' ? 'reconnecting' : this.snapshot.connection,
      })
      provider.connect()
    } finally {
      this.reconnecting = false
    }
  }

  /** Sends a fresh token shortly before the current one expires, so the connection stays open. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer)
    const expiresAt = Date.parse(this.ticket.expiresAt)
    if (Number.isNaN(expiresAt)) return
    const delay = Math.max(0, expiresAt - Date.now() - (this.options.refreshMarginMs ?? 60_000))
    this.refreshTimer = setTimeout(() => void this.refresh(), delay)
  }

  private async refresh(): Promise<void> {
    const provider = this.provider
    if (this.disposed || !provider?.wsconnected) return
    const result = await this.options.fetchTicket()
    if (this.disposed || provider.ws === null || !provider.wsconnected) return
    if (!result.ok) {
      // Try again shortly; if the token expires first, the server closes and reconnecting decides.
      this.refreshTimer = setTimeout(() => void this.refresh(), 5_000)
      return
    }
    if (result.ticket.mode !== this.snapshot.mode) {
      // The mode changed: reconnect, which fetches a token for the new mode and reports a downgrade.
      provider.disconnect()
      this.set({ connection: 'reconnecting' })
      this.scheduleReconnect(0)
      return
    }
    this.ticket = result.ticket
    provider.params = this.params()
    // Same mode, perhaps another reason for it (in review, then approved).
    this.set({ lock: result.ticket.lock })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_TOKEN)
    encoding.writeVarString(encoder, result.ticket.token)
    provider.ws.send(encoding.toUint8Array(encoder))
    this.scheduleRefresh()
  }

  private updateOthers(): void {
    const provider = this.provider
    if (!provider) return
    const byPerson = new Map<string, Collaborator>()
    for (const [clientId, state] of provider.awareness.getStates()) {
      if (clientId === provider.awareness.clientID) continue
      const person = readCollaborator(clientId, state)
      if (person) byPerson.set(person.userId ?? `client:${clientId}`, person)
    }
    const others = [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name))
    this.set({ others })
  }

  private set(patch: Partial<SessionSnapshot>): void {
    if (this.disposed) return
    const next = { ...this.snapshot, ...patch }
    const same = (Object.keys(patch) as (keyof SessionSnapshot)[]).every((k) => next[k] === this.snapshot[k])
    if (same) return
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }
}
