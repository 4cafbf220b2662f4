// Fan-out between collab-server instances on one PostgreSQL (ADR 051). Any number of instances may
// hold the same document; each stores its own clients' updates in the log as before, and the log's
// trigger announces every stored row (NOTIFY scp_collab_updates: "<seq> <document>" lines under
// the writer's application_name, small updates inline). An instance that has the document open
// applies them, reading back from the log those too large to travel inline, so its clients get
// them only once they are stored, in the order the notifications came (commit order), and never
// twice (Yjs ignores what a doc already holds). A row that is gone when read (another instance
// compacted it) or a notification that may have been missed (the LISTEN connection dropped) is
// made good by a resync: the stored document is read whole and what this instance lacks is
// applied. Presence travels on a second channel.
import { randomBytes } from 'node:crypto'
import { type Kysely } from 'kysely'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { readStoredDocument } from '#core/collab/read-document.ts'
import { listenOnChannel, type ChannelListener } from '#core/listener.server.ts'
import { errorMessage, type Logger } from '#core/log.server.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { type DB } from '#db/types.ts'
import { type ClusterLink, type Room } from './documents.ts'

const { UPDATES_CHANNEL, AWARENESS_CHANNEL } = CollabDocumentRepository

/** What the fan-out needs of the room registry. */
export interface OpenRooms {
  isOpen(name: string): boolean
  whenOpen(name: string): Promise<Room | undefined>
  get(name: string): Room | undefined
  all(): Room[]
}

/** Announced rows applied per round (those not inline are read with one query). */
const MAX_FETCH = 2_000
/** NOTIFY payloads are limited to 8,000 bytes; the header and document name need the rest. */
const MAX_PRESENCE_BASE64 = 7_600
const RETRY = { first: 100, max: 5_000 } as const
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A name for one collab-server instance: its database connections carry it as application_name
 * (createDb's applicationName), which is how the log's notifications say who wrote a row.
 */
export function newInstanceName(): string {
  return `scp-collab-${randomBytes(6).toString('hex')}`
}

/** A stored row as announced: small updates come with the notification, others are read. */
interface Announced {
  seq: number
  doc: string
  update?: Uint8Array
}

export class Fanout implements ClusterLink {
  private listener: ChannelListener | null = null
  private rooms: OpenRooms | null = null
  private stopped = false
  /** Announced rows of open documents, in notification order, not yet applied. */
  private announced: Announced[] = []
  /** Documents to read whole (a row was gone, or notifications may have been missed). */
  private resyncs = new Set<string>()
  private reading: Promise<void> | null = null
  /** Local presence changes not yet published, per room. */
  private presence = new Map<Room, Set<number>>()
  /** Documents opened here whose presence elsewhere is to be asked for. */
  private queries = new Set<string>()
  private publishing: Promise<void> | null = null

  constructor(
    private readonly deps: {
      db: Kysely<DB>
      databaseUrl: string
      /** The application_name of `db`'s connections: rows this instance wrote are not read back. */
      instanceName: string
      log: Logger
    },
  ) {}

  /** Starts listening; resolves once both channels are heard. */
  start(rooms: OpenRooms): Promise<void> {
    this.rooms = rooms
    this.listener = listenOnChannel({
      databaseUrl: this.deps.databaseUrl,
      channel: [UPDATES_CHANNEL, AWARENESS_CHANNEL],
      log: this.deps.log,
      name: 'fan-out listener',
      onNotification: (payload, channel) => {
        if (channel === UPDATES_CHANNEL) this.onUpdates(payload)
        else this.onPresence(payload)
      },
      onReconnect: () => {
        for (const room of rooms.all()) this.resyncs.add(room.name)
        this.read()
      },
    })
    return this.listener.ready
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.listener?.stop()
    await Promise.all([this.reading, this.publishing])
  }

  /** Resolves once every row announced so far has been read and applied (for tests). */
  async settled(): Promise<void> {
    while (this.reading || this.publishing) await Promise.all([this.reading, this.publishing])
  }

  // ---- stored updates ----

  private onUpdates(payload: string): void {
    // Most notifications are this instance's own (every commit it makes): look at the header only.
    const firstBreak = payload.indexOf('\n')
    if (firstBreak < 0 || payload.slice(0, firstBreak) === this.deps.instanceName || !this.rooms) return
    for (const line of payload.slice(firstBreak + 1).split('\n')) {
      const [seqText, doc, inline] = line.split(' ')
      const seq = Number(seqText)
      if (!doc || !Number.isSafeInteger(seq) || !this.rooms.isOpen(doc)) continue
      this.announced.push(inline ? { seq, doc, update: new Uint8Array(Buffer.from(inline, 'base64')) } : { seq, doc })
    }
    this.read()
  }

  /** One reader at a time, so that rows are applied in the order they were announced. */
  private read(): void {
    if (this.reading || this.stopped) return
    this.reading = this.readAll().finally(() => {
      this.reading = null
      if (this.announced.length > 0 || this.resyncs.size > 0) this.read()
    })
  }

  private async readAll(): Promise<void> {
    let delay: number = RETRY.first
    while (!this.stopped && (this.announced.length > 0 || this.resyncs.size > 0)) {
      try {
        if (this.announced.length > 0) await this.applyAnnounced(this.announced.splice(0, MAX_FETCH))
        for (const doc of [...this.resyncs]) {
          this.resyncs.delete(doc)
          await this.resync(doc).catch((error: unknown) => {
            this.resyncs.add(doc)
            throw error
          })
        }
        delay = RETRY.first
      } catch (error) {
        // The database is unreachable: nothing is lost, the rows stay in the log; try again later.
        this.deps.log('warn', 'fan-out read failed', { error: errorMessage(error) })
        await sleep(delay)
        delay = Math.min(delay * 2, RETRY.max)
      }
    }
  }

  private async applyAnnounced(batch: Announced[]): Promise<void> {
    const unread = batch.flatMap((b) => (b.update ? [] : [b.seq]))
    let rows: Awaited<ReturnType<typeof CollabDocumentRepository.findUpdatesBySeq>> = []
    try {
      if (unread.length > 0) rows = await CollabDocumentRepository.findUpdatesBySeq(this.deps.db, unread)
    } catch (error) {
      for (const { doc } of batch) this.resyncs.add(doc)
      throw error
    }
    const bySeq = new Map(rows.map((row) => [row.seq, row]))
    for (const { seq, doc, update: announced } of batch) {
      // Once a document waits for a resync, its later rows are part of what the resync reads.
      if (this.resyncs.has(doc)) continue
      const row = bySeq.get(seq)
      const update = announced ?? (row?.doc_name === doc ? row.update : undefined)
      if (!update) {
        this.resyncs.add(doc)
        continue
      }
      const room = this.rooms?.get(doc) ?? (await this.rooms?.whenOpen(doc))
      try {
        room?.applyRemote(update)
      } catch (error) {
        this.deps.log('error', 'stored update from another instance could not be applied', {
          doc,
          seq,
          error: errorMessage(error),
        })
      }
    }
  }

  /** Reads the stored document whole and applies what the room lacks. */
  private async resync(doc: string): Promise<void> {
    const room = await this.rooms?.whenOpen(doc)
    if (!room) return
    const stored = await CollabDocumentRepository.findForLoad(this.deps.db, doc)
    if (!stored || room.closing) return
    let full: Y.Doc
    try {
      full = readStoredDocument(stored, {
        onUnreadableUpdate: ({ seq, error }) =>
          this.deps.log('error', 'unreadable update skipped', { doc, seq, error: errorMessage(error) }),
      })
    } catch (error) {
      // An unreadable snapshot: retrying will not help, and the room keeps what it has.
      this.deps.log('error', 'fan-out resync found an unreadable snapshot', { doc, error: errorMessage(error) })
      return
    }
    try {
      room.applyRemote(Y.encodeStateAsUpdate(full, Y.encodeStateVector(room.doc)))
    } finally {
      full.destroy()
    }
    this.deps.log('debug', 'resynchronised from storage', { doc })
  }

  // ---- presence ----

  roomLoaded(room: Room): void {
    this.queries.add(room.name)
    this.publish()
  }

  presenceChanged(room: Room, clientIds: number[]): void {
    let ids = this.presence.get(room)
    if (!ids) this.presence.set(room, (ids = new Set()))
    for (const id of clientIds) ids.add(id)
    this.publish()
  }

  private presencePayload(doc: string, kind: '!' | '?', body: string): string {
    return `${this.deps.instanceName}\n${doc}\n${kind}${body}`
  }

  private onPresence(payload: string): void {
    const [origin, doc, body] = payload.split('\n')
    if (origin === this.deps.instanceName || !doc || body === undefined) return
    const room = this.rooms?.get(doc)
    if (!room) return
    if (body === '?') {
      // Another instance opened the document: tell it who is here.
      const ids = room.localClientIds()
      if (ids.length > 0) this.presenceChanged(room, ids)
      return
    }
    try {
      room.applyRemoteAwareness(new Uint8Array(Buffer.from(body.slice(1), 'base64')))
    } catch (error) {
      this.deps.log('warn', 'bad presence from another instance', { doc, error: errorMessage(error) })
    }
  }

  /** Publishes pending presence; changes made while a NOTIFY is in flight go in the next one. */
  private publish(): void {
    if (this.publishing || this.stopped) return
    this.publishing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.send(this.takePresence()))
      .catch((error: unknown) => this.deps.log('error', 'presence not shared', { error: errorMessage(error) }))
      .finally(() => {
        this.publishing = null
        if (this.presence.size > 0 || this.queries.size > 0) this.publish()
      })
  }

  private takePresence(): string[] {
    const payloads = [...this.queries].map((doc) => this.presencePayload(doc, '?', ''))
    this.queries.clear()
    const encode = (room: Room, ids: number[]) =>
      Buffer.from(awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids)).toString('base64')
    const changed = [...this.presence]
    this.presence.clear()
    for (const [room, ids] of changed) {
      if (room.doc.isDestroyed) continue
      // A client id a peer claimed but never sent a state for has nothing to tell.
      const all = [...ids].filter((id) => room.awareness.meta.has(id))
      if (all.length === 0) continue
      const together = encode(room, all)
      if (together.length <= MAX_PRESENCE_BASE64) {
        payloads.push(this.presencePayload(room.name, '!', together))
        continue
      }
      // One client each; a client whose presence alone is too large is not shared (this instance's
      // own peers still see it).
      for (const id of all) {
        const one = encode(room, [id])
        if (one.length <= MAX_PRESENCE_BASE64) payloads.push(this.presencePayload(room.name, '!', one))
        else this.deps.log('warn', 'presence too large to share with other instances', { doc: room.name })
      }
    }
    return payloads
  }

  private async send(payloads: string[]): Promise<void> {
    if (payloads.length === 0 || this.stopped) return
    try {
      await CollabDocumentRepository.notifyAwareness(this.deps.db, payloads)
    } catch (error) {
      // Presence is ephemeral and renewed by the clients every few seconds: dropping it is safe.
      this.deps.log('warn', 'presence could not be shared', { error: errorMessage(error) })
    }
  }
}
