// CPU used by the servers and by PostgreSQL while the clients type, in cores (1.0 = one core busy
// the whole time), from /proc: it says whether a phase had the machine's cores to itself or
// saturated them, which decides how its latencies read. Linux only; elsewhere the figures are NaN.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import path from 'node:path'

let ticksPerSecond: number | undefined
const ticksPerSecondOf = () =>
  (ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100)

/** utime + stime of a process (all its threads), plus its reaped children's when `reaped`. */
function ticksOf(pid: number, reaped: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after "(comm)": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number)
    return f[11]! + f[12]! + (reaped ? f[13]! + f[14]! : 0)
  } catch {
    return NaN
  }
}

/** PostgreSQL: the postmaster, its live backends, and the backends that ended (reaped by it). */
function postgresTicks(dataDir: string): number {
  try {
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
    return children.reduce((sum, pid) => sum + ticksOf(Number(pid), false), ticksOf(postmaster, true))
  } catch {
    return NaN
  }
}

/** Busy ticks of the whole machine (every process, ours or not): all CPUs' time but idle and iowait. */
function machineTicks(): number {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number)
    // user nice system idle iowait irq softirq steal
    return f.slice(0, 8).reduce((a, b) => a + b, 0) - f[3]! - f[4]!
  } catch {
    return NaN
  }
}

export interface CpuReading {
  servers: number[]
  postgres: number
  /** Everything that ran on the machine, the benchmark's clients and other users included. */
  machine: number
  cpus: number
}

/** Measures from begin() to end(): cores used by each of `serverPids` and by PostgreSQL. */
export function cpuMeter(serverPids: number[], dataDir: string) {
  let start: { at: number; servers: number[]; postgres: number; machine: number } | null = null
  const sample = () => ({
    at: performance.now(),
    servers: serverPids.map((pid) => ticksOf(pid, false)),
    postgres: postgresTicks(dataDir),
    machine: machineTicks(),
  })
  return {
    begin: () => void (start = sample()),
    end(): CpuReading {
      const end = sample()
      const seconds = (end.at - (start?.at ?? NaN)) / 1000
      const cores = (a: number, b: number) => Math.round(((b - a) / ticksPerSecondOf() / seconds) * 100) / 100
      return {
        servers: end.servers.map((t, i) => cores(start?.servers[i] ?? NaN, t)),
        postgres: cores(start?.postgres ?? NaN, end.postgres),
        machine: cores(start?.machine ?? NaN, end.machine),
        cpus: cpus().length,
      }
    },
  }
}

/** "; CPU while typing: …" to append to a phase's line ('' without a reading). */
export function describeCpu(r: CpuReading | undefined): string {
  if (!r) return ''
  const servers = r.servers.length === 1 ? `server ${r.servers[0]}` : `servers ${r.servers.join(' + ')}`
  return `; CPU while typing: ${servers} cores, PostgreSQL ${r.postgres} cores, machine ${r.machine} of ${r.cpus} cores busy`
}
