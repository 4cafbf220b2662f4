// Benchmark clients: stock y-websocket providers plus a latency meter keyed by Yjs item ids.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

// Every y-websocket provider adds a process 'exit' listener; the memory step opens 200 of them.
process.setMaxListeners(0)

/** Send times by `client:clock` of the first item of each update; receivers record the delay. */
export class Meter {
  private readonly sent = new Map<string, number>()
  readonly samples: number[] = []

  /** Call right before `doc` makes a local change. */
  markSend(doc: Y.Doc): void {
    this.sent.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, performance.now())
  }

  /** Marks an item id about to be sent (for updates made elsewhere and replayed). */
  markSendOf(client: number, clock: number): void {
    this.sent.set(`${client}:${clock}`, performance.now())
  }

  observe(update: Uint8Array): void {
    const now = performance.now()
    for (const [client, clock] of Y.parseUpdateMeta(update).from) {
      const t = this.sent.get(`${client}:${clock}`)
      if (t !== undefined) this.samples.push(now - t)
    }
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return NaN
    const sorted = [...this.samples].sort((a, b) => a - b)
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
  }
}

export interface BenchClient {
  doc: Y.Doc
  text: Y.Text
  provider: WebsocketProvider
  synced(): Promise<void>
  destroy(): void
}

export function benchClient(url: string, docName: string, token: string, meter?: Meter): BenchClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(url, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  if (meter) doc.on('update', (u: Uint8Array, origin: unknown) => origin === provider && meter.observe(u))
  return {
    doc,
    text: doc.getText('t'),
    provider,
    synced: () =>
      new Promise((resolve) => (provider.synced ? resolve() : provider.once('sync', (s: boolean) => s && resolve()))),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves when `check` holds, polling every few ms; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 2))
  }
}

export const tick = () => new Promise<void>((r) => setImmediate(r))
