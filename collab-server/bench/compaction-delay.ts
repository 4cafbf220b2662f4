// How long compacting the automerge-paper document holds up the collab-server's event loop: the
// CPU part of a compaction (merge snapshot + log tail, headless Lexical rendering) on the main thread
// versus in the render worker, while a 1 ms timer stands in for message handling.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { type StoredDocumentUpdates } from '#core/collab/read-document.ts'
import { silentLogger } from '#core/log.server.ts'
import { buildAndRender } from '../render.ts'
import { WorkerRenderer } from '../render-pool.ts'
import { createInitialState } from '../seed.ts'
import { applyPatches, type loadSequential } from './traces.ts'

/** The stored form of the document just before a compaction: snapshot + `tailRows` log rows. */
function storedForm(trace: ReturnType<typeof loadSequential>, tailRows: number): StoredDocumentUpdates {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, createInitialState({ planId: '00000000-0000-4000-8000-000000000000', substep: '1.1' }, 'en'))
  const text = doc.getText('t')
  const cut = trace.txns.length - tailRows
  trace.txns.slice(0, cut).forEach((t) => doc.transact(() => applyPatches(text, t.patches)))
  const snapshot = Y.encodeStateAsUpdate(doc)
  const tail: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => tail.push(u))
  trace.txns.slice(cut).forEach((t) => doc.transact(() => applyPatches(text, t.patches)))
  return { state: snapshot, tail: tail.map((update, i) => ({ seq: i + 1, update })) }
}

async function probe(run: () => Promise<unknown>, reps: number) {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  let worstGap = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    worstGap = Math.max(worstGap, now - last - 1)
    last = now
  }, 1)
  histogram.enable()
  const durations: number[] = []
  for (let i = 0; i < reps; i++) {
    const start = performance.now()
    await run()
    durations.push(performance.now() - start)
    await new Promise((r) => setTimeout(r, 50))
  }
  histogram.disable()
  clearInterval(timer)
  const sorted = durations.sort((a, b) => a - b)
  return {
    compactionMsMedian: sorted[Math.floor(sorted.length / 2)]!,
    loopDelayMaxMs: histogram.max / 1e6,
    loopDelayP99Ms: histogram.percentile(99) / 1e6,
    worstTimerGapMs: worstGap,
  }
}

/** Measures both ways; `reps` compactions each, after one warm-up. */
export async function compactionDelay(trace: ReturnType<typeof loadSequential>, reps = 5) {
  const stored = storedForm(trace, 500)
  const bytes = stored.tail.reduce((n, row) => n + row.update.byteLength, stored.state.byteLength)
  buildAndRender(stored)
  const inline = await probe(async () => buildAndRender(stored), reps)
  const worker = new WorkerRenderer(silentLogger)
  await worker.build(stored, () => {})
  const offloaded = await probe(() => worker.build(stored, () => {}), reps)
  await worker.close()
  return { inputKb: Math.round(bytes / 1024), inline, worker: offloaded }
}
