// Worker thread entry: merges Yjs updates and renders them with headless Lexical (render.ts), so
// that compacting a large document never blocks the collab-server's event loop. Stateless: every
// request is answered on its own, and a crash only fails the compactions in flight (retried later).
import { parentPort } from 'node:worker_threads'
import { type StoredDocumentUpdates } from '#core/collab/read-document.ts'
import { type DocumentMention } from '#core/editor/mention-node.ts'
import { errorMessage } from '#core/log.server.ts'
import { buildAndRender } from './render.ts'

export interface RenderRequest {
  id: number
  stored: StoredDocumentUpdates
}

/** A tail row that could not be applied, as it crosses the thread boundary (errors do not). */
export interface UnreadableRow {
  seq: number
  message: string
}

export type RenderResponse =
  | {
      id: number
      ok: true
      state: Uint8Array
      plainText: string
      html: string
      mentions: DocumentMention[]
      unreadable: UnreadableRow[]
    }
  | { id: number; ok: false; message: string }

const port = parentPort
if (!port) throw new Error('render-worker.ts runs only as a worker thread')

port.on('message', ({ id, stored }: RenderRequest) => {
  const unreadable: UnreadableRow[] = []
  let response: RenderResponse
  try {
    const result = buildAndRender(stored, ({ seq, error }) => unreadable.push({ seq, message: errorMessage(error) }))
    response = { id, ok: true, ...result, unreadable }
  } catch (error) {
    response = { id, ok: false, message: errorMessage(error) }
  }
  port.postMessage(response, response.ok ? [response.state.buffer as ArrayBuffer] : [])
})
