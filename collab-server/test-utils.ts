// Helpers for the collab-server tests: a server on a free port, stock y-websocket clients in Node.
import { type Kysely } from 'kysely'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type AccessMode } from '#core/vocabulary.ts'
import { MESSAGE_SAVED, SAVED_PARAM } from '#core/collab/contract.ts'
import { readSavedMessage } from '#core/collab/saved.ts'
import { mintCollabToken } from '#core/collab/token.server.ts'
import { createDb } from '#db/client.ts'
import { type DB } from '#db/types.ts'
import { type CollabLimits, type CollabTimings } from './config.ts'
import { type Logger } from '#core/log.server.ts'
import { newInstanceName } from './fanout.ts'
import { createCollabServer, type CollabServer } from './server.ts'

// Every y-websocket provider adds a process 'exit' listener in Node.
process.setMaxListeners(0)

export const SECRET = () => process.env.COLLAB_SECRET!

export const FAST_TIMINGS: Partial<CollabTimings> = {
  idleUnloadMs: 200,
  compactDebounceMs: 100,
  compactMaxWaitMs: 500,
  storageRetryMs: 1_000,
}

export async function startServer(
  options: {
    databaseUrl?: string
    limits?: Partial<CollabLimits>
    timings?: Partial<CollabTimings>
    log?: Logger
  } = {},
): Promise<{ url: string; port: number; server: CollabServer; db: Kysely<DB>; stop(): Promise<void> }> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL!
  const instanceName = newInstanceName()
  const db = createDb(databaseUrl, { max: 5, applicationName: instanceName })
  const server = createCollabServer({
    db,
    databaseUrl,
    instanceName,
    secret: SECRET(),
    log: options.log,
    limits: options.limits,
    timings: { ...FAST_TIMINGS, ...options.timings },
  })
  const port = await server.listen(0)
  // Compaction waits for the render worker; tests that wait for a compaction should not wait for that.
  await server.renderReady()
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    server,
    db,
    async stop() {
      await server.close()
      await db.destroy()
    },
  }
}

export function token(userId: string, doc: string, mode: AccessMode, now = Date.now()): string {
  return mintCollabToken({ sub: userId, doc, mode }, SECRET(), now).token
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  text: Y.Text
  /** The last close code the server sent, if any. */
  closeCodes: number[]
  lastAck: Uint8Array | null
  synced(): Promise<void>
  closed(): Promise<number>
  destroy(): void
}

/** A stock WebsocketProvider client (Node `ws` as the WebSocket implementation). */
export function connect(
  url: string,
  docName: string,
  tokenValue: string,
  options: { ack?: boolean; reconnect?: boolean; doc?: Y.Doc } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc()
  const params: Record<string, string> = { token: tokenValue }
  if (options.ack) params[SAVED_PARAM] = '1'
  const provider = new WebsocketProvider(url, docName, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    ...(options.reconnect === false ? { shouldReconnect: () => false } : {}),
  })
  const client: TestClient = {
    doc,
    provider,
    text: doc.getText('t'),
    closeCodes: [],
    lastAck: null,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) resolve()
        else provider.once('sync', (s: boolean) => s && resolve())
      }),
    closed: () =>
      new Promise<number>((resolve) => {
        provider.once('connection-close', (event) => resolve(event?.code ?? 0))
      }),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
  provider.on('connection-close', (event) => {
    if (event) client.closeCodes.push(event.code)
  })
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    client.lastAck = readSavedMessage(decoder)
  }
  return client
}

/** Clients a test file opens with `open`, destroyed together by `destroyAll` (in its afterAll). */
export function clientPool() {
  const clients: TestClient[] = []
  return {
    open(...args: Parameters<typeof connect>): TestClient {
      const client = connect(...args)
      clients.push(client)
      return client
    },
    destroyAll(): void {
      for (const client of clients.splice(0)) client.destroy()
    },
  }
}

/** Polls until `check` passes (returns truthy without throwing) or the time is up. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5_000, intervalMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) throw lastError ?? new Error('waitFor timed out')
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

/** A raw socket for protocol-level tests; resolves once open. */
export function rawSocket(
  url: string,
  docName: string,
  tokenValue: string,
): Promise<WebSocket & { closedWith: Promise<number> }> {
  const ws = new WebSocket(`${url}/${docName}?token=${encodeURIComponent(tokenValue)}`) as WebSocket & {
    closedWith: Promise<number>
  }
  ws.closedWith = new Promise((resolve) => ws.on('close', (code) => resolve(code)))
  ws.on('error', () => {})
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** Appends a Lexical V1 element of `type` (an XmlText with a __type attribute) to the root. */
export function appendElement(doc: Y.Doc, type: string, text: string): void {
  doc.transact(() => {
    const root = doc.get('root', Y.XmlText)
    const element = new Y.XmlText()
    root.insertEmbed(root.length, element)
    element.setAttribute('__type', type)
    element.insert(0, text)
  })
}

/** Top-level blocks (paragraphs, headings …) of a Lexical V1 document. */
export function countBlocks(doc: Y.Doc): number {
  return doc
    .get('root', Y.XmlText)
    .toDelta()
    .filter((op: { insert: unknown }) => op.insert instanceof Y.XmlText).length
}

/** Headings in a Lexical V1 document (top-level XmlText children typed 'heading'). */
export function countHeadings(doc: Y.Doc): number {
  const root = doc.get('root', Y.XmlText)
  return root
    .toDelta()
    .filter(
      (op: { insert: unknown }) => op.insert instanceof Y.XmlText && op.insert.getAttribute('__type') === 'heading',
    ).length
}
