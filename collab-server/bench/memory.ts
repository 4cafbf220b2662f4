// Memory per open document, measured the same way on both servers: heap used and RSS of the server
// process (after a forced full GC: both run with --expose-gc and read memory at /stats?gc=1) with
// D documents open, one client connected to each, minus the same reading before they were opened,
// divided by D. Each document gets the first transactions of a sequential trace, one update each,
// so that it holds a realistic history rather than one big insert.
// heapUsed is the main thread's V8 heap only; our render worker's heap shows in RSS alone.
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

/** `beforeBaseline` waits until the server holds no document of earlier phases it would let go of. */
export async function memoryPerDocument(
  target: Target & { port: number },
  docNames: string[],
  txns: Transactions,
  beforeBaseline: () => Promise<void>,
) {
  await beforeBaseline()
  const before = (await statsOf(target.port, { gc: true })).memory
  const kept: BenchClient[] = []
  try {
    for (let i = 0; i < docNames.length; i += BATCH) {
      const batch = docNames.slice(i, i + BATCH)
      kept.push(...(await Promise.all(batch.map((doc, j) => fill(target, doc, i + j, txns)))))
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS))
    const after = (await statsOf(target.port, { gc: true })).memory
    const perDocKb = (key: 'heapUsed' | 'rss') => Math.round((after[key] - before[key]) / docNames.length / 1024)
    return {
      documents: docNames.length,
      transactions: txns.length,
      textLength: kept[0]?.text.length ?? 0,
      heapKbPerDocument: perDocKb('heapUsed'),
      rssKbPerDocument: perDocKb('rss'),
      baselineMb: { heap: mb(before.heapUsed), rss: mb(before.rss) },
      openMb: { heap: mb(after.heapUsed), rss: mb(after.rss) },
    }
  } finally {
    kept.forEach((c) => c.destroy())
  }
}

export type MemoryPerDocument = Awaited<ReturnType<typeof memoryPerDocument>>

export function describeMemory(m: MemoryPerDocument): string {
  return (
    `memory per open document (${m.documents} documents, one client each, ${m.transactions} transactions, ` +
    `${m.textLength} characters): heap ${m.heapKbPerDocument} KB, RSS ${m.rssKbPerDocument} KB ` +
    `(after a forced GC; heap / RSS ${m.baselineMb.heap} / ${m.baselineMb.rss} MB with none open, ` +
    `${m.openMb.heap} / ${m.openMb.rss} MB with them open)`
  )
}

export function compareMemory(ours: MemoryPerDocument, reference: MemoryPerDocument): string {
  const ratio = ours.heapKbPerDocument / reference.heapKbPerDocument
  const rss = ours.rssKbPerDocument / reference.rssKbPerDocument
  return (
    `heap per open document, ours / reference: ${ratio.toFixed(2)}x; goal ≤ ${HEAP_GOAL}x: ` +
    `${ratio <= HEAP_GOAL ? 'met' : 'not met'} (RSS per open document: ${rss.toFixed(2)}x)`
  )
}
