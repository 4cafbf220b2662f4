// Steady typing spread over child processes (typist.ts): `clientsPerDoc` clients in each document
// type one character at `perSecond` each for `seconds`; propagation from each keystroke to each other
// client of its document is measured on the machine's shared wall clock.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type Target } from './scenarios.ts'
import { type TypistCommand, type TypistReport } from './typist.ts'

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

export async function steadyTypingSpread(
  target: Target,
  docNames: string[],
  options: { clientsPerDoc: number; perSecond: number; seconds: number; processes: number },
) {
  const { clientsPerDoc, perSecond, seconds, processes } = options
  // Client k of every document goes to process k % processes: each process holds some clients of
  // each document, so no process hosts a whole room.
  const plan: { doc: string; token: string }[][] = Array.from({ length: processes }, () => [])
  let user = 0
  for (const doc of docNames) {
    for (let k = 0; k < clientsPerDoc; k++) plan[k % processes]!.push({ doc, token: target.token(user++ % 60, doc) })
  }
  const typists = plan.map(
    () =>
      new Typist(fork(TYPIST, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })),
  )
  try {
    await Promise.all(
      typists.map((t, i) => t.ask({ type: 'open', url: target.url, clients: plan[i]!, perSecond }, 'ready')),
    )
    const stopped = await Promise.all(typists.map((t) => t.ask({ type: 'start', seconds }, 'stopped')))
    const lengths: Record<string, number> = {}
    for (const s of stopped) for (const [doc, n] of Object.entries(s.sentByDoc)) lengths[doc] = (lengths[doc] ?? 0) + n
    const results = await Promise.all(typists.map((t) => t.ask({ type: 'converge', lengths }, 'result')))
    const sentAt = new Map(results.flatMap((r) => r.sent))
    const latencies: number[] = []
    for (const r of results) {
      for (const [key, at] of r.received) {
        const t = sentAt.get(key)
        if (t !== undefined) latencies.push(at - t)
      }
    }
    latencies.sort((a, b) => a - b)
    const updates = sentAt.size
    return {
      clients: docNames.length * clientsPerDoc,
      processes,
      updates,
      updatesPerSecond: updates / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      delivered: latencies.length / Math.max(1, updates * (clientsPerDoc - 1)),
    }
  } finally {
    typists.forEach((t) => t.child.kill())
  }
}
