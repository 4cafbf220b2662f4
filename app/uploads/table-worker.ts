// Worker thread entry: parses one uploaded table and exits. Started per upload by
// read-table.server.ts with a heap limit and a deadline, so a hostile file costs this thread, never
// the web process's event loop or memory.
import { parentPort } from 'node:worker_threads'
import { parseTable, type TableFormat, type TableResult } from './table-parse.ts'

export interface ParseRequest {
  bytes: ArrayBuffer
  format: TableFormat
  maxRows: number
}

export type ParseResponse = TableResult

const port = parentPort
if (!port) throw new Error('table-worker.ts runs only as a worker thread')

port.once('message', async ({ bytes, format, maxRows }: ParseRequest) => {
  const response: ParseResponse = await parseTable(Buffer.from(bytes), format, maxRows)
  port.postMessage(response)
})
