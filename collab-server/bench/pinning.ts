// BENCH_PIN=1: the servers and PostgreSQL run on the first half of the CPUs, the benchmark and its
// typing processes on the other half, so that the load generator does not take CPU time from the
// system under test (on the same machine that is the closest to clients on other computers).
// Linux only (taskset from util-linux); without it the run is unpinned and says so.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import path from 'node:path'

export interface Pinning {
  /** Prefix for spawning a server process on the server CPUs, e.g. ['taskset', '-c', '0']. */
  serverCommand: string[]
  describe: string
}

function cpuList(from: number, to: number): string {
  return from === to ? String(from) : `${from}-${to}`
}

function taskset(args: string[]): boolean {
  return spawnSync('taskset', args, { stdio: 'ignore' }).status === 0
}

/** Pins this process (and the processes it forks later) to the client CPUs; null when not asked or not possible. */
export function pinBenchmark(): Pinning | null {
  if (process.env.BENCH_PIN !== '1') return null
  const n = cpus().length
  if (n < 2) return null
  const half = Math.floor(n / 2)
  const servers = cpuList(0, half - 1)
  const clients = cpuList(half, n - 1)
  if (!taskset(['-a', '-cp', clients, String(process.pid)])) return null
  return {
    serverCommand: ['taskset', '-c', servers],
    describe: `servers and PostgreSQL on CPU ${servers}, benchmark clients on CPU ${clients}`,
  }
}

/** Moves PostgreSQL's postmaster (its backends are forked from it later and inherit it) and running children to the server CPUs. */
export function pinPostgres(pinning: Pinning, dataDir: string): void {
  const postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim()
  const cpusOf = pinning.serverCommand[2]!
  taskset(['-cp', cpusOf, postmaster])
  const children = spawnSync('pgrep', ['-P', postmaster], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
  for (const pid of children) taskset(['-cp', cpusOf, pid])
}
