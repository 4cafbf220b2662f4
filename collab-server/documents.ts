// Rooms: one loaded Y.Doc per document with its connections, awareness, group commit, "saved"
// acknowledgements, compaction and idle unloading.
//
// Invariant: the in-memory doc only ever holds what PostgreSQL has stored. Client updates are
// validated, queued, appended to the log (one INSERT per batch), and only then applied to the doc,
// whose 'update' event broadcasts them. So nothing anyone received can be lost in a crash, and
// every sync reply or acknowledgement describes stored state.
import { type Kysely } from 'kysely'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CLOSE_CODES } from '#core/collab/contract.ts'
import { encodeSavedMessage } from '#core/collab/saved.ts'
import * as CollabAuthorRepository from '#db/repositories/collab-authors.ts'
import { type DB } from '#db/types.ts'
import { type Principal } from './auth.ts'
import { sanitizeAwarenessUpdate } from './awareness.ts'
import { type CollabTimings } from './config.ts'
import { errorMessage, type Logger } from '#core/log.server.ts'
import { type LatencyRecorder } from './metrics.ts'
import { CompactionSchedule } from './compaction.ts'
import { unknownNodeTypes } from './node-types.ts'
import { type UpdateLog } from './update-log.ts'
import { type Renderer } from './render-pool.ts'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_QUERY_AWARENESS = 3

/**
 * Origin of what reaches a room from another collab-server instance on the same database (stored
 * updates it read back from the log, presence it was told about): every local peer receives it.
 */
export const REMOTE = Symbol('another instance')

/** The other instances serving the same documents (fan-out through PostgreSQL, ADR 051). */
export interface ClusterLink {
  /** A room was loaded here: the other instances are asked for the presence they hold for it. */
  roomLoaded(room: Room): void
  /** Presence of local clients changed (set or removed): the other instances are told. */
  presenceChanged(room: Room, clientIds: number[]): void
}

/** A connection as the room sees it. */
export interface Peer {
  readonly principal: Principal
  readonly wantsAck: boolean
  needsAck: boolean
  readonly clientIds: Set<number>
  send(message: Uint8Array): void
  close(code: number, reason: string): void
}

export interface RoomDeps {
  db: Kysely<DB>
  updateLog: UpdateLog
  writeLatency: LatencyRecorder
  log: Logger
  timings: CollabTimings
  renderer: Renderer
  /** Cap on the document's encoded size (what a joining connection downloads). */
  maxDocumentBytes: number
  cluster?: ClusterLink
  onUnloaded(room: Room): void
}

const MAX_BATCH = 1_000
/** INSERTs of one document in flight at once (the update log runs two at a time across documents). */
const MAX_IN_FLIGHT = 2
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

interface QueuedUpdate {
  update: Uint8Array
  peer: Peer
  at: number
}

/** One log row per batch. */
function mergeOrConcat(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)
}

/** True when a decoded update adds no item the doc lacks and deletes nothing. */
function addsNothing(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
  if (decoded.ds.clients.size > 0) return false
  return decoded.structs.every((s) => s.id.clock + s.length <= Y.getState(doc.store, s.id.client))
}

export class Room {
  readonly peers = new Set<Peer>()
  readonly awareness: awarenessProtocol.Awareness
  /** Set once unloading starts; the registry then waits for `unloaded` before loading again. */
  closing = false
  readonly unloaded: Promise<void>
  private resolveUnloaded!: () => void
  private readonly owners = new Map<number, Peer>()
  private queue: QueuedUpdate[] = []
  private inFlight = 0
  /** The end of the chain that applies stored batches in order. */
  private applied: Promise<void> = Promise.resolve()
  private readonly refused = new WeakSet<Peer>()
  /** Client ids whose writer this room has recorded (or is recording). */
  private readonly authors = new Set<number>()
  private readonly compaction: CompactionSchedule
  private ackTimer: NodeJS.Timeout | undefined
  private lastAckAt = 0
  private idleTimer: NodeJS.Timeout | undefined
  private pending = 0
  private cachedSnapshot: Y.Snapshot | null = null
  // The document's size, for its cap: measured at load (and when the cap seems reached), plus the
  // bytes of every update accepted since. The running sum overestimates (deleted content is
  // garbage-collected), so it is measured again before an update is refused.
  private sizeBaseline: number
  private acceptedSinceBaseline = 0
  /** Bytes of accepted updates not yet applied to the doc (queued or being stored). */
  private unappliedBytes = 0

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    tailRows: number,
    private readonly deps: RoomDeps,
  ) {
    this.unloaded = new Promise((resolve) => (this.resolveUnloaded = resolve))
    this.sizeBaseline = Y.encodeStateAsUpdate(doc).byteLength
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.cachedSnapshot = null
      const message = syncUpdateMessage(update)
      for (const peer of this.peers) {
        if (peer === origin) continue
        peer.send(message)
        // What a peer receives is stored, so its next acknowledgement covers it too.
        this.scheduleAck(peer)
      }
    })
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = added.concat(updated, removed)
        const message = awarenessMessage(this.awareness, changed)
        for (const peer of this.peers) peer.send(message)
        // Local clients' presence (set by their peer, removed on leave with origin null) goes to the
        // other instances; what came from them, or timed out here as it does there, does not.
        if (origin !== REMOTE && origin !== 'timeout') deps.cluster?.presenceChanged(this, changed)
      },
    )
    this.compaction = new CompactionSchedule(name, tailRows, deps)
    deps.cluster?.roomLoaded(this)
  }

  /** Keeps the room loaded for a connection that is about to join. */
  reserve(): void {
    this.pending++
    clearTimeout(this.idleTimer)
  }

  /** Gives back a reservation that never became a connection. */
  unreserve(): void {
    this.pending--
    this.maybeIdle()
  }

  /** A reserved connection joins: it gets the server's state vector and everyone's presence. */
  join(peer: Peer): void {
    this.pending--
    this.peers.add(peer)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    peer.send(encoding.toUint8Array(encoder))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) peer.send(awarenessMessage(this.awareness, states))
    this.scheduleAck(peer)
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    const ids = [...peer.clientIds].filter((id) => this.owners.get(id) === peer)
    for (const id of ids) this.owners.delete(id)
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
    this.maybeIdle()
  }

  /** Answers a client's SyncStep1 with what it lacks. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep2(encoder, this.doc, stateVector)
    return encoding.toUint8Array(encoder)
  }

  /**
   * A SyncStep2 or Update from a client. Throws on undecodable bytes. Read-only peers may only
   * send what the document already contains; anything new from them is dropped, never applied.
   */
  receiveUpdate(update: Uint8Array, peer: Peer): void {
    const decoded = Y.decodeUpdate(update)
    const nothingNew = addsNothing(this.doc, decoded)
    if (peer.principal.mode === 'ro') {
      if (!nothingNew && !Y.snapshotContainsUpdate(this.snapshot(), update)) {
        this.deps.log('warn', 'read-only update refused', { doc: this.name, user: peer.principal.userId })
      } else this.scheduleAck(peer)
      return
    }
    if (nothingNew) {
      this.scheduleAck(peer)
      return
    }
    const unknown = unknownNodeTypes(decoded)
    if (unknown.length > 0) {
      this.deps.log('warn', 'update with unknown node type refused', {
        doc: this.name,
        user: peer.principal.userId,
        type: unknown[0],
      })
      peer.close(CLOSE_CODES.unknownNodeType, 'unknown node type')
      return
    }
    if (!this.fits(update, decoded)) {
      this.deps.log('warn', 'document size cap reached', {
        doc: this.name,
        user: peer.principal.userId,
        bytes: update.byteLength,
      })
      peer.close(CLOSE_CODES.documentTooLarge, 'document too large')
      return
    }
    this.acceptedSinceBaseline += update.byteLength
    this.unappliedBytes += update.byteLength
    this.queue.push({ update, peer, at: performance.now() })
    this.pump()
    this.recordAuthors(decoded, peer)
  }

  /**
   * Records whose connection writes under the client ids of an accepted update, the first time this
   * room sees each (ADR 062): a mention found at compaction names its author through them. From the
   * update already decoded above, so it costs a set of numbers per update, not a read of the document.
   */
  private recordAuthors(decoded: ReturnType<typeof Y.decodeUpdate>, peer: Peer): void {
    const fresh = [...new Set(decoded.structs.map((s) => s.id.client))].filter((id) => !this.authors.has(id))
    if (fresh.length === 0) return
    const userId = peer.principal.userId
    for (const id of fresh) this.authors.add(id)
    CollabAuthorRepository.record(this.deps.db, this.name, userId, fresh).catch((error: unknown) => {
      for (const id of fresh) this.authors.delete(id)
      this.deps.log('warn', 'authors not recorded', { doc: this.name, error: errorMessage(error) })
    })
  }

  /** Whether the document stays within its cap with `update`. Deletions alone always fit. */
  private fits(update: Uint8Array, decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
    if (decoded.structs.length === 0) return true
    const cap = this.deps.maxDocumentBytes
    if (this.sizeBaseline + this.acceptedSinceBaseline + update.byteLength <= cap) return true
    this.sizeBaseline = Y.encodeStateAsUpdate(this.doc).byteLength + this.unappliedBytes
    this.acceptedSinceBaseline = 0
    return this.sizeBaseline + update.byteLength <= cap
  }

  /** Drops the peer's updates that are queued but not yet sent to the database (access revoked). */
  dropQueued(peer: Peer): void {
    const kept = this.queue.filter((q) => q.peer !== peer)
    if (kept.length === this.queue.length) return
    this.forget(this.queue.filter((q) => q.peer === peer))
    this.queue = kept
    this.deps.log('info', 'queued updates of a revoked connection dropped', {
      doc: this.name,
      user: peer.principal.userId,
    })
  }

  private forget(items: QueuedUpdate[]): void {
    for (const item of items) this.unappliedBytes -= item.update.byteLength
  }

  /** Relays a sanitised awareness update; throws on malformed bytes. */
  receiveAwareness(update: Uint8Array, peer: Peer): void {
    const clean = sanitizeAwarenessUpdate(update, peer.principal, (id) => {
      const owner = this.owners.get(id)
      if (owner && owner !== peer) return false
      this.owners.set(id, peer)
      peer.clientIds.add(id)
      return true
    })
    if (clean) awarenessProtocol.applyAwarenessUpdate(this.awareness, clean, peer)
  }

  /** The Yjs client ids whose presence a local peer speaks for. */
  localClientIds(): number[] {
    return [...this.owners.keys()]
  }

  /**
   * An update another instance stored (read back from the log): applied and relayed to every local
   * peer. Yjs ignores what the doc already holds, so a row heard twice changes nothing.
   */
  applyRemote(update: Uint8Array): void {
    if (this.closing || this.doc.isDestroyed) return
    Y.applyUpdate(this.doc, update, REMOTE)
    this.acceptedSinceBaseline += update.byteLength
    this.compaction.rowAppended()
  }

  /** Presence another instance relayed (its own clients', already sanitised there). */
  applyRemoteAwareness(update: Uint8Array): void {
    if (this.closing || this.doc.isDestroyed) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
  }

  awarenessFor(): Uint8Array | null {
    const states = [...this.awareness.getStates().keys()]
    return states.length > 0 ? awarenessMessage(this.awareness, states) : null
  }

  // Group commit, pipelined: everything queued while INSERTs run goes into the next INSERT, and up
  // to MAX_IN_FLIGHT INSERTs overlap (an update need not wait for the commit before it to finish).
  // Batches are applied, hence broadcast, strictly in arrival order, each only once it is stored.
  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < MAX_IN_FLIGHT) {
      const batch = this.queue.splice(0, MAX_BATCH)
      this.inFlight++
      const stored = this.append(mergeOrConcat(batch.map((b) => b.update)))
      this.applied = this.applied.then(() => this.settle(batch, stored))
    }
  }

  // Never rejects: a rejected chain would stop every later batch.
  private async settle(batch: QueuedUpdate[], stored: Promise<boolean>): Promise<void> {
    const ok = await stored
    this.inFlight--
    try {
      if (ok) this.applyStored(batch)
      else {
        const unstored = batch.concat(this.queue.splice(0))
        this.forget(unstored)
        this.refuseUnstored(unstored)
      }
    } catch (error) {
      this.deps.log('error', 'stored batch could not be handled', { doc: this.name, error: errorMessage(error) })
      this.refuseUnstored(batch)
    }
    this.pump()
  }

  private applyStored(batch: QueuedUpdate[]): void {
    this.forget(batch)
    for (const { update, peer, at } of batch) {
      // Its earlier updates were refused: applying later ones would leave holes; it resends all.
      if (this.refused.has(peer)) continue
      try {
        // The broadcast skips the sender, who has its own update. But updates of another instance
        // can be waiting in the doc for this one (they arrived before this instance heard back
        // from its own INSERT, and a client there already built on it): they are integrated by
        // this very transaction, and the sender has never seen them. Then everyone gets it.
        const waiting = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
        Y.applyUpdate(this.doc, update, waiting ? REMOTE : peer)
        this.deps.writeLatency.record(performance.now() - at)
      } catch (error) {
        this.deps.log('warn', 'stored update could not be applied', { doc: this.name, error: errorMessage(error) })
        peer.close(CLOSE_CODES.malformed, 'invalid update')
      }
      this.scheduleAck(peer)
    }
    this.compaction.rowAppended()
  }

  /** Resolves true once stored; false when storage kept failing (never rejects). */
  private async append(update: Uint8Array): Promise<boolean> {
    try {
      return await this.appendWithRetry(update)
    } catch (error) {
      // A bug must not leave updates half-handled: refuse them, their senders will resend.
      this.deps.log('error', 'flush failed', { doc: this.name, error: errorMessage(error) })
      return false
    }
  }

  private async appendWithRetry(update: Uint8Array): Promise<boolean> {
    const deadline = Date.now() + this.deps.timings.storageRetryMs
    for (let delay = 25; ; delay = Math.min(delay * 2, 500)) {
      try {
        await this.deps.updateLog.append(this.name, update)
        return true
      } catch (error) {
        if (Date.now() + delay > deadline) {
          this.deps.log('error', 'update could not be stored', { doc: this.name, error: errorMessage(error) })
          return false
        }
        await sleep(delay)
      }
    }
  }

  // Unstored updates were never applied nor broadcast; their senders reconnect and resend them.
  private refuseUnstored(items: { peer: Peer }[]): void {
    for (const peer of new Set(items.map((i) => i.peer))) {
      this.refused.add(peer)
      peer.close(CLOSE_CODES.storageUnavailable, 'storage unavailable')
    }
  }

  // Computing a snapshot walks the whole document; reuse it until the document changes.
  private snapshot(): Y.Snapshot {
    return (this.cachedSnapshot ??= Y.snapshot(this.doc))
  }

  private scheduleAck(peer: Peer): void {
    if (!peer.wantsAck) return
    peer.needsAck = true
    if (this.ackTimer) return
    const wait = Math.max(0, this.lastAckAt + this.deps.timings.ackIntervalMs - Date.now())
    this.ackTimer = setTimeout(() => this.sendAcks(), wait)
  }

  // One snapshot per round serves every waiting peer; the doc holds stored state only.
  private sendAcks(): void {
    this.ackTimer = undefined
    this.lastAckAt = Date.now()
    const waiting = [...this.peers].filter((p) => p.needsAck && p.wantsAck)
    if (waiting.length === 0 || this.doc.isDestroyed) return
    const message = encodeSavedMessage(Y.encodeSnapshot(this.snapshot()))
    for (const peer of waiting) {
      peer.needsAck = false
      peer.send(message)
    }
  }

  private maybeIdle(): void {
    if (this.closing || this.peers.size > 0 || this.pending > 0) return
    clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => void this.unload(), this.deps.timings.idleUnloadMs)
  }

  /** Waits for queued updates to be stored (or refused). */
  async drain(): Promise<void> {
    for (;;) {
      const tail = this.applied
      await tail
      if (tail === this.applied && this.queue.length === 0) return
    }
  }

  /** Stores what is queued, closes the connections, compacts and frees the doc. */
  async unload(closeCode: number = CLOSE_CODES.serverShutdown): Promise<void> {
    if (this.closing) return this.unloaded
    this.closing = true
    clearTimeout(this.idleTimer)
    try {
      await this.drain()
      for (const peer of this.peers) peer.close(closeCode, 'document unloaded')
      clearTimeout(this.ackTimer)
      await this.compaction.finish()
    } finally {
      this.awareness.destroy()
      this.doc.destroy()
      this.deps.onUnloaded(this)
      this.resolveUnloaded()
    }
  }
}
