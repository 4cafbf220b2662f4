// Runs buildAndRender (render.ts) in one worker thread: merging a document's log into a snapshot
// and rendering it with headless Lexical takes tens of milliseconds for a large document, which on
// the main thread would delay every other room's messages. Requests are answered in order; if the
// worker dies, the requests in flight fail (their compaction transaction rolls back and is retried)
// and the next request starts a new worker.
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { type Compacted } from '#db/repositories/collab-documents.ts'
import { errorMessage, type Logger } from '#core/log.server.ts'
import { type StoredDocumentUpdates } from '#core/collab/read-document.ts'
import { buildAndRender, EMPTY_STATE } from './render.ts'
import { type RenderRequest, type RenderResponse, type UnreadableRow } from './render-worker.ts'

// The worker loads TypeScript as the server does (tsx), whether or not its parent runs under tsx
// (vitest does not); `--import tsx` in a worker's execArgv does not take effect on Node 20.
const tsxApi = pathToFileURL(
  path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href
const workerUrl = new URL('./render-worker.ts', import.meta.url).href
const WORKER_BOOTSTRAP = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}) })`

export interface Renderer {
  /**
   * Merges a stored document into one garbage-collected state and renders it; `onUnreadable` per
   * skipped tail row. Rejects when the snapshot itself is unreadable.
   */
  build(stored: StoredDocumentUpdates, onUnreadable: (row: UnreadableRow) => void): Promise<Compacted>
  /** Loads ahead of the first compaction (Lexical and happy-dom take seconds); resolves when ready. */
  warmUp(): Promise<void>
  close(): Promise<void>
}

/** In the calling thread; for tests that want no worker, and as a fallback. */
export const inlineRenderer: Renderer = {
  build: async (stored, onUnreadable) =>
    buildAndRender(stored, ({ seq, error }) => onUnreadable({ seq, message: errorMessage(error) })),
  warmUp: async () => {},
  close: async () => {},
}

type Pending = {
  resolve: (value: Compacted) => void
  reject: (error: Error) => void
  onUnreadable: (row: UnreadableRow) => void
}

export class WorkerRenderer implements Renderer {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()

  constructor(private readonly log: Logger) {}

  build(stored: StoredDocumentUpdates, onUnreadable: (row: UnreadableRow) => void): Promise<Compacted> {
    const worker = this.ensureWorker()
    const id = this.nextId++
    return new Promise<Compacted>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onUnreadable })
      const request: RenderRequest = { id, stored }
      worker.postMessage(request)
    })
  }

  async warmUp(): Promise<void> {
    await this.build({ state: EMPTY_STATE, tail: [] }, () => {})
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true })
    worker.unref()
    worker.on('message', (response: RenderResponse) => this.settle(response))
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null
      for (const [id, p] of this.pending) {
        this.pending.delete(id)
        p.reject(error)
      }
    }
    worker.on('error', (error) => {
      this.log('error', 'render worker failed', { error: error.message })
      fail(error)
    })
    worker.on('exit', (code) => fail(new Error(`render worker exited with code ${code}`)))
    this.worker = worker
    return worker
  }

  private settle(response: RenderResponse): void {
    const p = this.pending.get(response.id)
    if (!p) return
    this.pending.delete(response.id)
    if (!response.ok) return p.reject(new Error(response.message))
    response.unreadable.forEach((row) => p.onUnreadable(row))
    p.resolve({
      state: response.state,
      plainText: response.plainText,
      html: response.html,
      mentions: response.mentions,
    })
  }
}
