// Worker thread entry: merges Yjs updates and renders them with headless Lexical (render.ts), so
// that compacting a large document never blocks the collab-server's event loop. Stateless: every
// request is answered on its own, and a crash only fails the compactions in flight (retried later).
import { parentPort } from 'node:worker_threads'
import { buildAndRender } from './render.ts'

export interface RenderRequest {
  id: number
  updates: Uint8Array[]
}

export type RenderResponse =
  | {
      id: number
      ok: true
      state: Uint8Array
      plainText: string
      html: string
      unreadable: { index: number; message: string }[]
    }
  | { id: number; ok: false; message: string }

const port = parentPort
if (!port) throw new Error('render-worker.ts runs only as a worker thread')

port.on('message', ({ id, updates }: RenderRequest) => {
  const unreadable: { index: number; message: string }[] = []
  let response: RenderResponse
  try {
    const result = buildAndRender(updates, (index, error) =>
      unreadable.push({ index, message: error instanceof Error ? error.message : String(error) }),
    )
    response = { id, ok: true, ...result, unreadable }
  } catch (error) {
    response = { id, ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(response, response.ok ? [response.state.buffer as ArrayBuffer] : [])
})
