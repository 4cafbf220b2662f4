// `npm run bench:collab`: drives our collab-server (durable, on a throwaway embedded PostgreSQL)
// and the reference @y/websocket-server 0.1.1 (in memory) with the same workloads, through stock
// y-websocket clients, and prints the figures side by side. Talks to 127.0.0.1 only; bounded in time.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import { docName } from '#core/collab/contract.ts'
import { mintCollabToken } from '#core/collab/token.server.ts'
import { SUBSTEP_CODES } from '#core/substeps.ts'
import { createDb } from '#db/client.ts'
import { findFreePort, startEmbeddedPostgres } from '#db/embedded.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { compactionDelay } from './compaction-delay.ts'
import { pinBenchmark, pinPostgres } from './pinning.ts'
import { coldLoad, concurrentTrace, sequentialThroughput, type Target } from './scenarios.ts'
import { steadyTypingSpread } from './steady.ts'
import { loadSequential, prepareConcurrent } from './traces.ts'

// A full run takes 5 minutes on a quiet machine and over 12 at load average 15-20 on two cores.
const HARD_LIMIT_MS = Number(process.env.BENCH_LIMIT_MINUTES ?? 25) * 60_000
// Per-client typing rate with 50 clients in one document: 4/s is fast typing, 200 updates/s in total
// and 9,800 deliveries/s, which the single benchmark process (all 50 clients) can still absorb.
const FIFTY_RATE = Number(process.env.BENCH_FIFTY_RATE ?? 4)
// The typing clients of the steady workloads live in this many child processes (typist.ts).
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 5)
const USERS = 60
const quick = process.argv.includes('--quick')
// --only=fifty,many,… runs a subset (sequential, concurrent, fifty, many); the default runs all.
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
const runs = (scenario: string) => !only || only.includes(scenario)
const secret = randomBytes(32).toString('hex')
const children: ChildProcess[] = []
const cleanups: (() => Promise<unknown>)[] = []
const say = (line: string) => process.stdout.write(line + '\n')
const pinning = pinBenchmark()

function startChild(
  script: string,
  env: Record<string, string>,
  readyText: string,
  onLine?: (line: string) => void,
): Promise<ChildProcess> {
  const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', '--cpu-prof-dir=.data/bench-profiles'] : []
  const [command, ...prefix] = [...(pinning?.serverCommand ?? []), process.execPath]
  const child = spawn(command!, [...prefix, ...profile, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  let buffer = ''
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) {
        onLine?.(line)
        if (line.includes(readyText)) resolve(child)
      }
    })
  })
}

interface Stats {
  memory: NodeJS.MemoryUsage
  eventLoopDelayMs?: { p50: number; p99: number; max: number }
  rooms?: number
  writeLatencyMs?: { count: number; p50: number | null; p99: number | null }
  commitLatencyMs?: { count: number; p50: number | null; p99: number | null }
}

async function statsOf(port: number, reset = false): Promise<Stats> {
  const res = await fetch(`http://127.0.0.1:${port}/stats${reset ? '?reset=1' : ''}`)
  return (await res.json()) as Stats
}

/** Our server's own receive→broadcast latency (commit included) and event-loop delay since the last call. */
async function serverSide(port: number): Promise<string> {
  const { writeLatencyMs: w, commitLatencyMs: c, eventLoopDelayMs: d } = await statsOf(port, true)
  const loop = d ? `; server event-loop delay p99 ${d.p99.toFixed(1)} ms max ${d.max.toFixed(1)} ms` : ''
  const commits = c?.count ? `; INSERT+commit p50 ${c.p50} ms p99 ${c.p99} ms (${c.count})` : ''
  return w
    ? `; server-side receive→broadcast p50 ${w.p50} ms p99 ${w.p99} ms (${w.count} updates)${commits}${loop}`
    : ''
}

async function memoryOf(port: number) {
  const { memory } = await statsOf(port)
  return { rssMb: Math.round(memory.rss / 2 ** 20), heapMb: Math.round(memory.heapUsed / 2 ** 20) }
}

/** Our server reports its loaded rooms; waits until none is (the reference keeps docs in memory). */
async function noRoomLoaded(port: number) {
  const deadline = Date.now() + 30_000
  for (;;) {
    const { rooms } = await statsOf(port)
    if (!rooms || Date.now() > deadline) return
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function main() {
  const dataDir = path.resolve(`.data/bench-${Date.now()}`)
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  say('Starting a throwaway PostgreSQL and seeding users and plans…')
  const pg = await startEmbeddedPostgres({ dataDir })
  cleanups.unshift(() => pg.stop())
  if (pinning) pinPostgres(pinning, dataDir)
  say(pinning ? `CPU pinning: ${pinning.describe}` : 'CPU pinning: none (BENCH_PIN=1 separates servers from clients)')
  const db = createDb(pg.url, { max: 4 })
  await migrateToLatest(db)
  const users: { id: string }[] = []
  for (let i = 0; i < USERS; i++) users.push(await createUser(db))
  const plans = []
  for (let i = 0; i < 7; i++) {
    const plan = await createPlan(db, users[0]!.id)
    for (const u of users.slice(1)) await addMember(db, plan.id, u.id, 'coauthor', users[0]!.id)
    plans.push(plan)
  }
  await db.destroy()
  const docs = plans.flatMap((p) => [null, ...SUBSTEP_CODES].map((substep) => docName({ planId: p.id, substep })))

  const ourPort = await findFreePort()
  const loadMs: Record<string, number[]> = {}
  await startChild(
    'collab-server/index.ts',
    {
      DATABASE_URL: pg.url,
      COLLAB_SECRET: secret,
      COLLAB_PORT: String(ourPort),
      COLLAB_EXPOSE_STATS: '1',
      COLLAB_IDLE_UNLOAD_MS: '300',
      // Policy limits are lifted so that the replay measures capacity, not the rate limiter.
      COLLAB_RATE_PER_SECOND: '10000000',
      COLLAB_RATE_BURST: '10000000',
    },
    'collab-server listening',
    (line) => {
      if (!line.includes('"document loaded"')) return
      const entry = JSON.parse(line) as { doc: string; ms: number }
      ;(loadMs[entry.doc] ??= []).push(entry.ms)
    },
  )
  const refPort = await findFreePort()
  await startChild('collab-server/bench/reference-server.ts', { PORT: String(refPort) }, 'reference listening')

  say('Preparing traces…')
  const paper = loadSequential(quick ? 'sequential/clownschool_flat.json.gz' : 'sequential/automerge-paper.json.gz')
  const concurrentFiles = runs('concurrent')
    ? ['concurrent/clownschool.json.gz', 'concurrent/friendsforever.json.gz']
    : []
  const concurrent = concurrentFiles.map((f) => ({ file: f, ...prepareConcurrent(f) }))

  // Issued an hour ahead: connections end with their token (ADR 021), and a loaded machine can make a
  // phase outlast five minutes. Expiry, not issue time, is what the server checks.
  const token = (user: number, doc: string) =>
    mintCollabToken({ sub: users[user]!.id, doc, mode: 'rw' }, secret, Date.now() + 3_600_000).token
  const targets: (Target & { port: number })[] = [
    { name: 'scp collab-server (durable)', url: `ws://127.0.0.1:${ourPort}`, port: ourPort, token },
    { name: '@y/websocket-server 0.1.1 (memory)', url: `ws://127.0.0.1:${refPort}`, port: refPort, token },
  ]
  const results: Record<string, Record<string, unknown>> = {}
  if (runs('compaction')) {
    const c = await compactionDelay(paper)
    const line = (m: Awaited<ReturnType<typeof compactionDelay>>['inline']) =>
      `compaction ${m.compactionMsMedian.toFixed(1)} ms median, event loop delay max ${m.loopDelayMaxMs.toFixed(1)} ms (p99 ${m.loopDelayP99Ms.toFixed(1)} ms), worst 1 ms-timer gap ${m.worstTimerGapMs.toFixed(1)} ms`
    say(
      `\n== compaction of that document (snapshot + 500 log rows, ${c.inputKb} KB)\non the main thread: ${line(c.inline)}\nin the render worker: ${line(c.worker)}`,
    )
    results.compaction = c
  }
  for (const target of targets) {
    say(`\n== ${target.name}`)
    const r: Record<string, unknown> = {}
    results[target.name] = r
    await serverSide(target.port)
    if (runs('sequential')) {
      const seq = await sequentialThroughput(target, docs[0]!, paper)
      r.sequential = seq
      say(
        `sequential trace: ${seq.updates} updates in ${seq.seconds.toFixed(1)} s = ${Math.round(seq.updatesPerSecond)} updates/s, final text equal: ${seq.equal}${await serverSide(target.port)}`,
      )
      r.memoryAfterSequential = await memoryOf(target.port)
      const cold = await coldLoad(target, docs[0]!, paper.endContent, 5, () => noRoomLoaded(target.port))
      const serverMs = target.port === ourPort ? loadMs[docs[0]!]?.slice(1) : undefined
      r.coldLoad = { ...cold, serverMs }
      say(
        `load of that document: client connect→synced median ${cold.median.toFixed(1)} ms (${cold.times.map((t) => t.toFixed(0)).join(', ')}), ` +
          `server-side load ${serverMs ? JSON.stringify(serverMs) + ' ms' : 'n/a (kept in memory)'}, text equal: ${cold.equal}`,
      )
    }
    for (const [i, c] of concurrent.entries()) {
      if (!runs('concurrent')) break
      const res = await concurrentTrace(target, docs[1 + i]!, c)
      r[c.file] = res
      say(
        `${c.file} (${c.agents} agents): ${Math.round(res.updatesPerSecond)} updates/s, propagation p50 ${res.p50.toFixed(2)} ms p99 ${res.p99.toFixed(2)} ms, final text equal: ${res.equal}${await serverSide(target.port)}`,
      )
    }
    if (runs('fifty')) {
      await serverSide(target.port)
      const one = await steadyTypingSpread(target, [docs[3]!], {
        clientsPerDoc: 50,
        perSecond: FIFTY_RATE,
        seconds: quick ? 3 : 8,
        processes: PROCESSES,
      })
      r.fiftyClientsOneDoc = one
      say(
        `50 clients in ${one.processes} processes, one document, ${Math.round(one.updatesPerSecond)} updates/s: p50 ${one.p50.toFixed(2)} ms, p99 ${one.p99.toFixed(2)} ms, ` +
          `max ${one.max.toFixed(1)} ms, delivered ${(one.delivered * 100).toFixed(1)} %${await serverSide(target.port)}`,
      )
    }
    if (runs('many')) {
      await serverSide(target.port)
      const many = await steadyTypingSpread(target, docs.slice(10, 110), {
        clientsPerDoc: 3,
        perSecond: 4,
        seconds: quick ? 3 : 8,
        processes: 3,
      })
      r.manyDocuments = many
      say(
        `100 documents × 3 clients, ${Math.round(many.updatesPerSecond)} updates/s: p50 ${many.p50.toFixed(2)} ms, p99 ${many.p99.toFixed(2)} ms, delivered ${(many.delivered * 100).toFixed(1)} %${await serverSide(target.port)}`,
      )
    }
    r.memoryAtEnd = await memoryOf(target.port)
    say(
      `server memory: ${JSON.stringify(r.memoryAfterSequential)} after the sequential trace, ${JSON.stringify(r.memoryAtEnd)} at the end`,
    )
  }
  const [ours, ref] = targets.map((t) => results[t.name]!) as [
    Record<string, { updatesPerSecond: number }>,
    Record<string, { updatesPerSecond: number }>,
  ]
  say('\n== ratio (ours / reference), updates per second')
  for (const key of ['sequential', ...concurrent.map((c) => c.file), 'fiftyClientsOneDoc', 'manyDocuments']) {
    if (!ours[key] || !ref[key]) continue
    say(`${key}: ${(ours[key]!.updatesPerSecond / ref[key]!.updatesPerSecond).toFixed(2)}`)
  }
  say(
    `\nload average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  )
  say('\nJSON ' + JSON.stringify(results))
}

async function cleanup() {
  for (const child of children) child.kill('SIGTERM')
  await new Promise((r) => setTimeout(r, 1_000))
  for (const child of children) child.kill('SIGKILL')
  for (const c of cleanups) await c().catch(() => {})
}

const limit = setTimeout(() => {
  process.stderr.write('benchmark exceeded its time limit\n')
  void cleanup().finally(() => process.exit(1))
}, HARD_LIMIT_MS)

main()
  .then(async () => {
    clearTimeout(limit)
    await cleanup()
    process.exit(0)
  })
  .catch(async (error) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    clearTimeout(limit)
    await cleanup()
    process.exit(1)
  })
