// Memory per open document, measured the same way on both servers: heap used and RSS of the server
// process (after a forced full GC: both run with --expose-gc and read memory at /stats?gc=1) with
// D more documents open, one client connected to each, minus the same reading before they were
// opened, divided by D. That first reading is taken with a few warm-up documents open: a server
// that has never served a document still has to compile code and fill its database pool, which
// would otherwise be charged to the first D documents (about double the per-document figure on
// both servers); the figure from none open is reported beside it. Each document gets the first
// transactions of a sequential trace, one update each, so that it holds a realistic history, and
// the same opening content on both servers (ours creates it, the reference is given it).
// heapUsed is the main thread's V8 heap only; our render worker's heap shows in RSS alone.
import * as Y from 'yjs'
import { parseDocName } from '#core/collab/contract.ts'
import { createInitialState } from '../seed.ts'
import { benchClient, tick, until, type BenchClient } from './clients.ts'
import { type Target } from './scenarios.ts'
import { statsOf } from './stats.ts'
import { applyPatches, type loadSequential } from './traces.ts'

/** Issue 12: our heap per open document within 2x of the in-memory reference server's. */
const HEAP_GOAL = 2
/** Documents filled at the same time. */
const BATCH = 10
/** Pause before the reading, the same for both servers: ours compacts 2 s after the last update. */
const SETTLE_MS = 3_000

type Transactions = ReturnType<typeof loadSequential>['txns']

/** Types `txns` into `doc` through one client and returns another client that has received all of it. */
async function fill(target: Target, doc: string, n: number, txns: Transactions): Promise<BenchClient> {
  // Two users per document and at most four documents per user: far below the per-user quotas.
  const writer = benchClient(target.url, doc, target.token(n % 60, doc))
  const kept = benchClient(target.url, doc, target.token((n + 30) % 60, doc))
  await Promise.all([writer.synced(), kept.synced()])
  // Our server gives every new document its opening content (the sub-step's heading and an empty
  // paragraph, collab-server/seed.ts); the reference starts empty. The same content on both, or
  // the comparison charges ours for about 15 KB of Lexical nodes the reference never holds.
  const root = writer.doc.get('root', Y.XmlText)
  if (root.length === 0) {
    const ref = parseDocName(doc)
    if (ref) Y.applyUpdate(writer.doc, createInitialState(ref, 'en'))
  }
  for (const [i, txn] of txns.entries()) {
    writer.doc.transact(() => applyPatches(writer.text, txn.patches))
    if (i % 100 === 99) await tick()
  }
  const expected = writer.text.toString()
  await until(() => kept.text.toString() === expected, 60_000, 'the kept client to receive the document')
  writer.destroy()
  return kept
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10

/**
 * `warmUp` documents are opened first, then `docNames`; all are kept open until the readings are
 * done. `beforeBaseline` waits until the server holds no document of earlier phases it would let go of.
 */
export async function memoryPerDocument(
  target: Target & { port: number },
  warmUp: string[],
  docNames: string[],
  content: { trace: string; txns: Transactions },
  beforeBaseline: () => Promise<void>,
) {
  const { trace, txns } = content
  const kept: BenchClient[] = []
  const openAll = async (names: string[], offset: number) => {
    for (let i = 0; i < names.length; i += BATCH) {
      const batch = names.slice(i, i + BATCH)
      kept.push(...(await Promise.all(batch.map((doc, j) => fill(target, doc, offset + i + j, txns)))))
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS))
    return (await statsOf(target.port, { gc: true })).memory
  }
  try {
    await beforeBaseline()
    const none = (await statsOf(target.port, { gc: true })).memory
    const warm = await openAll(warmUp, 0)
    const open = await openAll(docNames, warmUp.length)
    const kbPer = (from: NodeJS.MemoryUsage, docs: number, key: 'heapUsed' | 'rss') =>
      Math.round((open[key] - from[key]) / docs / 1024)
    return {
      documents: docNames.length,
      warmUpDocuments: warmUp.length,
      trace,
      transactions: txns.length,
      textLength: kept[0]?.text.length ?? 0,
      heapKbPerDocument: kbPer(warm, docNames.length, 'heapUsed'),
      rssKbPerDocument: kbPer(warm, docNames.length, 'rss'),
      fromNoneOpenKb: {
        heap: kbPer(none, kept.length, 'heapUsed'),
        rss: kbPer(none, kept.length, 'rss'),
      },
      mb: {
        none: { heap: mb(none.heapUsed), rss: mb(none.rss) },
        warm: { heap: mb(warm.heapUsed), rss: mb(warm.rss) },
        open: { heap: mb(open.heapUsed), rss: mb(open.rss) },
      },
    }
  } finally {
    kept.forEach((c) => c.destroy())
  }
}

export type MemoryPerDocument = Awaited<ReturnType<typeof memoryPerDocument>>

export function describeMemory(m: MemoryPerDocument): string {
  const at = (r: { heap: number; rss: number }) => `${r.heap} / ${r.rss} MB`
  return (
    `memory per open document (${m.documents} documents after ${m.warmUpDocuments} warm-up ones, one client each, ` +
    `first ${m.transactions} transactions of ${m.trace}, ${m.textLength} characters): heap ${m.heapKbPerDocument} KB, RSS ${m.rssKbPerDocument} KB; ` +
    `from none open: heap ${m.fromNoneOpenKb.heap} KB, RSS ${m.fromNoneOpenKb.rss} KB ` +
    `(heap / RSS after a forced GC: ${at(m.mb.none)} none open, ${at(m.mb.warm)} warm-up, ${at(m.mb.open)} all open)`
  )
}

/** The goal is on heap: RSS moves by tens of MB as the GC returns pages, more than D documents add. */
export function compareMemory(ours: MemoryPerDocument, reference: MemoryPerDocument): string {
  const ratio = ours.heapKbPerDocument / reference.heapKbPerDocument
  return `heap per open document, ours / reference: ${ratio.toFixed(2)}x; goal ≤ ${HEAP_GOAL}x: ${ratio <= HEAP_GOAL ? 'met' : 'not met'}`
}
