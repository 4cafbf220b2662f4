import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import {
  MAX_PARSE_WORKERS,
  MAX_TABLE_ROWS,
  MAX_UPLOAD_BYTES,
  PARSE_HEAP_MB,
  PARSE_TIME_LIMIT_MS,
  PARSE_YOUNG_HEAP_MB,
} from './limits.ts'
import { type TableFormat } from './table-parse.ts'
import { type ParseRequest, type ParseResponse } from './table-worker.ts'

// Parses an uploaded CSV or XLSX in a worker thread of its own, with a heap limit and a deadline
// (ADR 033): a file that unpacks to gigabytes or takes long to read costs that thread, which is
// terminated, while the web process goes on answering. Errors are translation keys.

export type ReadTableResult = { ok: true; table: string[][] } | { ok: false; error: string }

// Resolved through the package's "#app/*" imports, so it works from the source tree (tests) and
// from the server build alike; the worker loads TypeScript with tsx's API as the render worker does.
const require = createRequire(import.meta.url)
const workerUrl = pathToFileURL(require.resolve('#app/uploads/table-worker.ts')).href
const tsxApi = pathToFileURL(
  path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href
const WORKER_BOOTSTRAP = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}) })`

let running = 0

/** The upload's format from its name or type, or null when it is neither CSV nor XLSX. */
export function tableFormat(file: File): TableFormat | null {
  const name = file.name.toLowerCase()
  if (name.endsWith('.xlsx')) return 'xlsx'
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'csv'
  return null
}

export interface WorkerLimits {
  heapMb: number
  timeLimitMs: number
}
const WORKER_LIMITS: WorkerLimits = { heapMb: PARSE_HEAP_MB, timeLimitMs: PARSE_TIME_LIMIT_MS }

/** Reads an uploaded table into rows of text cells, the header first. */
export async function readTable(
  file: File,
  maxRows = MAX_TABLE_ROWS,
  limits = WORKER_LIMITS,
): Promise<ReadTableResult> {
  if (file.size === 0) return { ok: false, error: 'monitoring.import.empty' }
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, error: 'monitoring.import.tooLarge' }
  const format = tableFormat(file)
  if (!format) return { ok: false, error: 'monitoring.import.wrongType' }
  if (running >= MAX_PARSE_WORKERS) return { ok: false, error: 'monitoring.import.busy' }
  running++
  try {
    const result = await parseInWorker({ bytes: await file.arrayBuffer(), format, maxRows }, limits)
    return result.ok ? result : { ok: false, error: `monitoring.import.${result.error}` }
  } finally {
    running--
  }
}

function parseInWorker(
  request: ParseRequest,
  limits: WorkerLimits,
): Promise<ParseResponse | { ok: false; error: 'tooSlow' | 'tooLargeUnpacked' | 'unreadable' }> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: PARSE_YOUNG_HEAP_MB },
    })
    let settled = false
    const settle = (response: Parameters<typeof resolve>[0]) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      resolve(response)
      void worker.terminate()
    }
    const deadline = setTimeout(() => settle({ ok: false, error: 'tooSlow' }), limits.timeLimitMs)
    worker.once('message', (response: ParseResponse) => settle(response))
    // Running out of the heap limit is what a file that unpacks to too much data does.
    worker.once('error', (error: Error & { code?: string }) =>
      settle({ ok: false, error: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'tooLargeUnpacked' : 'unreadable' }),
    )
    worker.once('exit', () => settle({ ok: false, error: 'unreadable' }))
    worker.postMessage(request, [request.bytes])
  })
}
