// Steady typing spread over child processes (typist.ts): `clientsPerDoc` clients in each document
// type one character at `perSecond` each for `seconds`; propagation from each keystroke to each other
// client of its document is measured on the machine's shared wall clock.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type CpuReading } from './cpu.ts'
import { type Target } from './scenarios.ts'
import { type TypistClient, type TypistCommand, type TypistReport } from './typist.ts'

const TYPIST = fileURLToPath(new URL('./typist.ts', import.meta.url))

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

type Waiter = { resolve: (report: TypistReport) => void; reject: (error: Error) => void }

class Typist {
  private readonly waiting = new Map<TypistReport['type'], Waiter>()
  constructor(readonly child: ChildProcess) {
    const failAll = (error: Error) => {
      for (const w of this.waiting.values()) w.reject(error)
      this.waiting.clear()
    }
    child.on('message', (report: TypistReport) => {
      if (report.type === 'error') return failAll(new Error(`typist: ${report.message}`))
      const waiter = this.waiting.get(report.type)
      this.waiting.delete(report.type)
      waiter?.resolve(report)
    })
    child.on('exit', (code) => failAll(new Error(`typist exited with ${code}`)))
  }

  ask<T extends TypistReport['type']>(command: TypistCommand, answer: T): Promise<Extract<TypistReport, { type: T }>> {
    const reply = new Promise<Extract<TypistReport, { type: T }>>((resolve, reject) =>
      this.waiting.set(answer, { resolve: resolve as (r: TypistReport) => void, reject }),
    )
    this.child.send(command)
    return reply
  }
}

export interface SteadyOptions {
  clientsPerDoc: number
  perSecond: number
  seconds: number
  processes: number
  /** The server instances (default: the target's url); client k of a document uses urls[k % urls.length]. */
  urls?: string[]
  /** Started when the clients start typing, read when they stop (cpu.ts). */
  cpu?: { begin(): void; end(): CpuReading }
}

/** Propagation over a set of (sender, receiver) pairs; `expected` is how many there would be if none were lost. */
function summarise(latencies: number[], expected: number) {
  latencies.sort((a, b) => a - b)
  return {
    expected,
    pairs: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    delivered: latencies.length / Math.max(1, expected),
  }
}

export type PairSummary = ReturnType<typeof summarise>

export async function steadyTypingSpread(target: Target, docNames: string[], options: SteadyOptions) {
  const { clientsPerDoc, perSecond, seconds, processes } = options
  const urls = options.urls ?? [target.url]
  // Client k of every document goes to process k % processes: each process holds some clients of
  // each document, so no process hosts a whole room. With several instances, client k connects to
  // instance k % instances, so every room spans the instances (when it has clients enough).
  const plan: TypistClient[][] = Array.from({ length: processes }, () => [])
  let user = 0
  for (const doc of docNames) {
    for (let k = 0; k < clientsPerDoc; k++) {
      const instance = k % urls.length
      plan[k % processes]!.push({ doc, token: target.token(user++ % 60, doc), url: urls[instance]!, instance })
    }
  }
  // How many clients of one document each instance serves: a sender on instance i has
  // onInstance[i] - 1 receivers on its own instance and clientsPerDoc - onInstance[i] on others.
  const onInstance = urls.map((_, i) => Math.max(0, Math.ceil((clientsPerDoc - i) / urls.length)))
  const typists = plan.map(
    () =>
      new Typist(fork(TYPIST, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })),
  )
  try {
    await Promise.all(typists.map((t, i) => t.ask({ type: 'open', clients: plan[i]!, perSecond }, 'ready')))
    options.cpu?.begin()
    const stopped = await Promise.all(typists.map((t) => t.ask({ type: 'start', seconds }, 'stopped')))
    const cpu = options.cpu?.end()
    const lengths: Record<string, number> = {}
    for (const s of stopped) for (const [doc, n] of Object.entries(s.sentByDoc)) lengths[doc] = (lengths[doc] ?? 0) + n
    const results = await Promise.all(typists.map((t) => t.ask({ type: 'converge', lengths }, 'result')))
    const sentAt = new Map(results.flatMap((r) => r.sent.map(([key, at, instance]) => [key, { at, instance }])))
    const all: number[] = []
    const cross: number[] = []
    const same: number[] = []
    for (const r of results) {
      for (const [key, at, instance] of r.received) {
        const sender = sentAt.get(key)
        if (sender === undefined) continue
        all.push(at - sender.at)
        ;(sender.instance === instance ? same : cross).push(at - sender.at)
      }
    }
    let expectedSame = 0
    for (const { instance } of sentAt.values()) expectedSame += onInstance[instance]! - 1
    const updates = sentAt.size
    const expected = updates * (clientsPerDoc - 1)
    return {
      clients: docNames.length * clientsPerDoc,
      processes,
      updates,
      updatesPerSecond: updates / seconds,
      ...summarise(all, expected),
      cpu,
      // Only with several instances, so that the single-instance figures read as before.
      ...(urls.length > 1 && {
        crossInstance: summarise(cross, expected - expectedSame),
        sameInstance: summarise(same, expectedSame),
      }),
    }
  } finally {
    typists.forEach((t) => t.child.kill())
  }
}
