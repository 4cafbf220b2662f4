// Benchmark workloads, each run against one target server through stock y-websocket clients.
import * as Y from 'yjs'
import { benchClient, Meter, tick, until, type BenchClient } from './clients.ts'
import { applyPatches, type ConcurrentStep, type loadSequential } from './traces.ts'

export interface Target {
  name: string
  url: string
  /** A token for bench user `user` on `doc` (ignored by the reference server). */
  token(user: number, doc: string): string
}

const elapsedMs = (start: number) => performance.now() - start

async function openAll(target: Target, docName: string, users: number[], meter?: Meter): Promise<BenchClient[]> {
  const clients = users.map((u) => benchClient(target.url, docName, target.token(u, docName), meter))
  await Promise.all(clients.map((c) => c.synced()))
  return clients
}

const textIs = (c: BenchClient, expected: string) => c.text.length === expected.length && c.text.toString() === expected

/** One writer replays a sequential trace as fast as it can; an observer waits for the end text. */
export async function sequentialThroughput(target: Target, docName: string, trace: ReturnType<typeof loadSequential>) {
  const [writer, observer] = await openAll(target, docName, [0, 1])
  const start = performance.now()
  for (let i = 0; i < trace.txns.length; i++) {
    writer!.doc.transact(() => applyPatches(writer!.text, trace.txns[i]!.patches))
    if (i % 2_000 === 0) await tick()
  }
  await until(() => textIs(observer!, trace.endContent), 240_000, 'the observer to receive the whole trace')
  const ms = elapsedMs(start)
  writer!.destroy()
  observer!.destroy()
  return {
    updates: trace.txns.length,
    seconds: ms / 1000,
    updatesPerSecond: trace.txns.length / (ms / 1000),
    equal: true,
  }
}

/** A fresh client opens a document; time from connect to synced, repeated. */
export async function coldLoad(
  target: Target,
  docName: string,
  expected: string,
  reps: number,
  waitUnloaded: () => Promise<void>,
) {
  const times: number[] = []
  let equal = true
  for (let i = 0; i < reps; i++) {
    await waitUnloaded()
    const start = performance.now()
    const client = benchClient(target.url, docName, target.token(2, docName))
    await client.synced()
    times.push(elapsedMs(start))
    equal &&= client.text.toString() === expected
    client.destroy()
  }
  return { times, median: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!, equal }
}

const covers = (doc: Y.Doc, needs: Map<number, number>) =>
  [...needs].every(([client, clock]) => Y.getState(doc.store, client) >= clock)

/** Several agents replay a concurrent trace in trace order, each waiting only for its causal parents. */
export async function concurrentTrace(
  target: Target,
  docName: string,
  prepared: { steps: ConcurrentStep[]; endContent: string; agents: number },
) {
  const meter = new Meter()
  const users = Array.from({ length: prepared.agents + 1 }, (_, i) => i)
  const clients = await openAll(target, docName, users, meter)
  const start = performance.now()
  for (let i = 0; i < prepared.steps.length; i++) {
    const step = prepared.steps[i]!
    const client = clients[step.agent]!
    if (!covers(client.doc, step.needs)) await until(() => covers(client.doc, step.needs), 30_000, 'causal parents')
    for (const [c, clock] of Y.parseUpdateMeta(step.update).from) meter.markSendOf(c, clock)
    Y.applyUpdate(client.doc, step.update)
    if (i % 500 === 0) await tick()
  }
  await until(() => clients.every((c) => textIs(c, prepared.endContent)), 60_000, 'all clients to converge')
  const ms = elapsedMs(start)
  clients.forEach((c) => c.destroy())
  return {
    updates: prepared.steps.length,
    updatesPerSecond: prepared.steps.length / (ms / 1000),
    p50: meter.percentile(50),
    p99: meter.percentile(99),
    equal: true,
  }
}
