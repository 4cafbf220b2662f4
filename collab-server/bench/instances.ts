// `--instances=N`: N collab-server instances on the benchmark's one PostgreSQL (ADR 051). The steady
// workloads run again with the clients of each document spread over the instances (client k on
// instance k % N), at the offered load of the single-instance run earlier in the same run, and
// propagation is reported over all pairs, over pairs on different instances (the update went
// through PostgreSQL's NOTIFY and was read back) and over pairs on the same instance.
import { findFreePort } from '#db/embedded.ts'
import { cpuMeter, describeCpu } from './cpu.ts'
import { type Target } from './scenarios.ts'
import { steadyTypingSpread, type PairSummary, type SteadyOptions } from './steady.ts'
import { memoryOf, serverSide } from './stats.ts'

/** Issue 12: cross-instance p99 within 1.5x of single-instance p99 at the same offered load. */
const P99_GOAL = 1.5

export interface SteadyWorkload {
  /** Its name in --only. */
  scenario: string
  /** Its key in the single-instance results, e.g. 'fiftyClientsOneDoc'. */
  key: string
  label: string
  docs: string[]
  options: SteadyOptions
}

const pairs = (s: PairSummary) =>
  s.expected === 0
    ? 'no such pairs in this workload'
    : `p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(1)} ms, ` +
      `delivered ${(s.delivered * 100).toFixed(1)} % (${s.pairs} pairs)`

/** Parses `--instances=N` (default 1); anything but a whole number from 1 to 16 is refused. */
export function instancesArgument(argv: string[]): number {
  const arg = argv.find((a) => a.startsWith('--instances='))
  if (!arg) return 1
  const n = Number(arg.slice('--instances='.length))
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`${arg}: expected a whole number from 1 to 16`)
  return n
}

/**
 * Starts `count - 1` more instances next to `first` (with `startInstance`, same environment, own
 * port) and runs `workloads` over all of them. `single` holds the single-instance results by key.
 */
export async function multiInstance(options: {
  count: number
  first: Target & { port: number; pid: number }
  /** Starts one more instance on `port`; resolves with its process id. */
  startInstance: (port: number) => Promise<number>
  /** PostgreSQL's data directory, for its CPU figures. */
  dataDir: string
  workloads: SteadyWorkload[]
  single: Record<string, PairSummary | undefined>
  say: (line: string) => void
}) {
  const { count, first, workloads, single, say } = options
  const ports = [first.port]
  const pids = [first.pid]
  for (let i = 1; i < count; i++) {
    const port = await findFreePort()
    pids.push(await options.startInstance(port))
    ports.push(port)
  }
  const urls = ports.map((p) => `ws://127.0.0.1:${p}`)
  say(`\n== ${count} collab-server instances on one PostgreSQL, ports ${ports.join(', ')}`)
  say(`client k of a document on instance k % ${count}; same workloads and offered load as the single-instance run`)
  const results: Record<string, unknown> = { ports }
  for (const w of workloads) {
    await Promise.all(ports.map((p) => serverSide(p)))
    const cpu = cpuMeter(pids, options.dataDir)
    const r = await steadyTypingSpread(first, w.docs, { ...w.options, urls, cpu })
    const offered = w.docs.length * w.options.clientsPerDoc * w.options.perSecond
    say(`${w.label}, ${offered} updates/s offered, ${Math.round(r.updatesPerSecond)} achieved:`)
    say(`  all pairs: ${pairs(r)}`)
    if (r.crossInstance) say(`  cross-instance: ${pairs(r.crossInstance)}`)
    if (r.sameInstance) say(`  same-instance: ${pairs(r.sameInstance)}`)
    const base = single[w.key]
    const ratio = base && r.crossInstance ? r.crossInstance.p99 / base.p99 : NaN
    say(
      Number.isFinite(ratio)
        ? `  cross-instance p99 / single-instance p99 (${base!.p99.toFixed(2)} ms): ${ratio.toFixed(2)}x; ` +
            `goal ≤ ${P99_GOAL}x: ${ratio <= P99_GOAL ? 'met' : 'not met'}`
        : '  cross-instance p99 / single-instance p99: n/a (no single-instance figure for this workload in this run)',
    )
    say(`  ${describeCpu(r.cpu).slice(2)}`)
    for (const [i, port] of ports.entries()) say(`  instance ${i}${(await serverSide(port)).replace(/^;/, ':')}`)
    results[w.key] = { ...r, crossOverSingleP99: ratio }
  }
  const memory = await Promise.all(ports.map((p) => memoryOf(p)))
  say(`instances' memory (RSS / heap MB): ${memory.map((m) => `${m.rssMb} / ${m.heapMb}`).join(', ')}`)
  results.memory = memory
  return results
}
