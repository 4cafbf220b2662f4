// `npm run bench:collab`: drives our collab-server (durable, on a throwaway embedded PostgreSQL)
// and the reference @y/websocket-server 0.1.1 (in memory) with the same workloads, through stock
// y-websocket clients, and prints the figures side by side. Talks to 127.0.0.1 only; bounded in time.
// `--instances=N` adds N collab-server instances sharing the database (instances.ts) and the memory
// per open document of both servers (memory.ts).
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
import { cpuMeter, describeCpu } from './cpu.ts'
import { instancesArgument, multiInstance, type SteadyWorkload } from './instances.ts'
import { compareMemory, describeMemory, memoryPerDocument, type MemoryPerDocument } from './memory.ts'
import { pinBenchmark, pinPostgres } from './pinning.ts'
import { serverProcesses } from './processes.ts'
import { coldLoad, concurrentTrace, sequentialThroughput } from './scenarios.ts'
import { memoryOf, noRoomLoaded, serverSide } from './stats.ts'
import { steadyTypingSpread, type PairSummary } from './steady.ts'
import { loadSequential, prepareConcurrent } from './traces.ts'

// A full run takes 5 minutes on a quiet machine and over 12 at load average 15-20 on two cores.
const HARD_LIMIT_MS = Number(process.env.BENCH_LIMIT_MINUTES ?? 25) * 60_000
// Per-client typing rate with 50 clients in one document: 4/s is fast typing, 200 updates/s in total
// and 9,800 deliveries/s, which the single benchmark process (all 50 clients) can still absorb.
const FIFTY_RATE = Number(process.env.BENCH_FIFTY_RATE ?? 4)
// The typing clients of the steady workloads live in this many child processes (typist.ts).
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 5)
const USERS = 60
// Documents open at once for the memory-per-document figure (after MEMORY_WARM_UP others), and the
// trace transactions typed into each: the same with --quick, as the figure depends on the content
// (with clownschool_flat's first 500 both servers hold about 20 KB more per document).
const MEMORY_DOCS = Number(process.env.BENCH_MEMORY_DOCS ?? 100)
const MEMORY_WARM_UP = 20
const MEMORY_TRACE = 'sequential/automerge-paper.json.gz'
const MEMORY_TRANSACTIONS = 500
const quick = process.argv.includes('--quick')
// --only=fifty,many,… runs a subset (compaction, sequential, concurrent, fifty, many, memory); the
// default runs all but memory, which runs when listed or with --instances.
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
const runs = (scenario: string) => !only || only.includes(scenario)
const instances = instancesArgument(process.argv)
const measureMemory = only?.includes('memory') || process.argv.some((a) => a.startsWith('--instances='))
const secret = randomBytes(32).toString('hex')
const cleanups: (() => Promise<unknown>)[] = []
const say = (line: string) => process.stdout.write(line + '\n')
const pinning = pinBenchmark()
const servers = serverProcesses(pinning)

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
  const documentsOfPlans = async (count: number) => {
    const names: string[] = []
    for (let i = 0; i < count; i++) {
      const plan = await createPlan(db, users[0]!.id)
      for (const u of users.slice(1)) await addMember(db, plan.id, u.id, 'coauthor', users[0]!.id)
      names.push(...[null, ...SUBSTEP_CODES].map((substep) => docName({ planId: plan.id, substep })))
    }
    return names
  }
  const docs = await documentsOfPlans(7)
  // Documents no other workload opens: neither server has held them before the memory step.
  const memoryDocs = measureMemory
    ? await documentsOfPlans(Math.ceil((MEMORY_WARM_UP + MEMORY_DOCS) / (1 + SUBSTEP_CODES.length)))
    : []
  await db.destroy()

  const ourPort = await findFreePort()
  const loadMs: Record<string, number[]> = {}
  // Every instance of ours (the first, and the others of --instances) runs with this environment.
  const startOurs = (port: number, onLine?: (line: string) => void) =>
    servers.start(
      'collab-server/index.ts',
      {
        DATABASE_URL: pg.url,
        COLLAB_SECRET: secret,
        COLLAB_PORT: String(port),
        COLLAB_EXPOSE_STATS: '1',
        COLLAB_IDLE_UNLOAD_MS: '300',
        // Policy limits are lifted so that the replay measures capacity, not the rate limiter.
        COLLAB_RATE_PER_SECOND: '10000000',
        COLLAB_RATE_BURST: '10000000',
      },
      'collab-server listening',
      onLine,
    )
  const ourChild = await startOurs(ourPort, (line) => {
    if (!line.includes('"document loaded"')) return
    const entry = JSON.parse(line) as { doc: string; ms: number }
    ;(loadMs[entry.doc] ??= []).push(entry.ms)
  })
  const refPort = await findFreePort()
  const refChild = await servers.start(
    'collab-server/bench/reference-server.ts',
    { PORT: String(refPort) },
    'reference listening',
  )

  say('Preparing traces…')
  const paperFile = quick ? 'sequential/clownschool_flat.json.gz' : 'sequential/automerge-paper.json.gz'
  const paper = loadSequential(paperFile)
  const memoryContent = {
    trace: path.basename(MEMORY_TRACE, '.json.gz'),
    txns: measureMemory
      ? (paperFile === MEMORY_TRACE ? paper : loadSequential(MEMORY_TRACE)).txns.slice(0, MEMORY_TRANSACTIONS)
      : [],
  }
  const concurrentFiles = runs('concurrent')
    ? ['concurrent/clownschool.json.gz', 'concurrent/friendsforever.json.gz']
    : []
  const concurrent = concurrentFiles.map((f) => ({ file: f, ...prepareConcurrent(f) }))

  // Issued an hour ahead: connections end with their token (ADR 021), and a loaded machine can make a
  // phase outlast five minutes. Expiry, not issue time, is what the server checks.
  const token = (user: number, doc: string) =>
    mintCollabToken({ sub: users[user]!.id, doc, mode: 'rw' }, secret, Date.now() + 3_600_000).token
  const targetOf = (name: string, port: number, pid: number) => ({
    name,
    url: `ws://127.0.0.1:${port}`,
    port,
    pid,
    token,
  })
  const targets = [
    targetOf('scp collab-server (durable)', ourPort, ourChild.pid!),
    targetOf('@y/websocket-server 0.1.1 (memory)', refPort, refChild.pid!),
  ]
  // The steady workloads, the same for one instance, for the reference and for --instances.
  const steadySeconds = quick ? 3 : 8
  const fifty: SteadyWorkload = {
    scenario: 'fifty',
    key: 'fiftyClientsOneDoc',
    label: `50 clients in ${PROCESSES} processes, one document`,
    docs: [docs[3]!],
    options: { clientsPerDoc: 50, perSecond: FIFTY_RATE, seconds: steadySeconds, processes: PROCESSES },
  }
  const many: SteadyWorkload = {
    scenario: 'many',
    key: 'manyDocuments',
    label: '100 documents × 3 clients',
    docs: docs.slice(10, 110),
    options: { clientsPerDoc: 3, perSecond: 4, seconds: steadySeconds, processes: 3 },
  }
  const results: Record<string, Record<string, unknown>> = {}
  const perDocument: MemoryPerDocument[] = []
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
      const cpu = cpuMeter([target.pid], dataDir)
      const one = await steadyTypingSpread(target, fifty.docs, { ...fifty.options, cpu })
      r.fiftyClientsOneDoc = one
      say(
        `50 clients in ${one.processes} processes, one document, ${Math.round(one.updatesPerSecond)} updates/s: p50 ${one.p50.toFixed(2)} ms, p99 ${one.p99.toFixed(2)} ms, ` +
          `max ${one.max.toFixed(1)} ms, delivered ${(one.delivered * 100).toFixed(1)} %${await serverSide(target.port)}${describeCpu(one.cpu)}`,
      )
    }
    if (runs('many')) {
      await serverSide(target.port)
      const cpu = cpuMeter([target.pid], dataDir)
      const spread = await steadyTypingSpread(target, many.docs, { ...many.options, cpu })
      r.manyDocuments = spread
      say(
        `100 documents × 3 clients, ${Math.round(spread.updatesPerSecond)} updates/s: p50 ${spread.p50.toFixed(2)} ms, p99 ${spread.p99.toFixed(2)} ms, delivered ${(spread.delivered * 100).toFixed(1)} %${await serverSide(target.port)}${describeCpu(spread.cpu)}`,
      )
    }
    if (measureMemory) {
      const warmUp = memoryDocs.slice(0, MEMORY_WARM_UP)
      const measured = memoryDocs.slice(MEMORY_WARM_UP, MEMORY_WARM_UP + MEMORY_DOCS)
      const m = await memoryPerDocument(target, warmUp, measured, memoryContent, () => noRoomLoaded(target.port))
      r.memoryPerDocument = m
      perDocument.push(m)
      say(describeMemory(m))
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
  if (perDocument.length === 2) say(compareMemory(perDocument[0]!, perDocument[1]!))
  if (instances > 1) {
    results.instances = await multiInstance({
      count: instances,
      first: targets[0]!,
      startInstance: async (port) => (await startOurs(port)).pid!,
      dataDir,
      workloads: [fifty, many].filter((w) => runs(w.scenario)),
      single: results[targets[0]!.name] as Record<string, PairSummary | undefined>,
      say,
    })
  }
  say(
    `\nload average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  )
  say('\nJSON ' + JSON.stringify(results))
}

async function cleanup() {
  await servers.stopAll()
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
