import { spawn, type ChildProcess } from 'node:child_process'

// Keeps the portal's processes running: a process that stops on its own is started again after a
// growing pause, and never takes the others (or the database) down with it. Only `stopAll` ends
// them, with SIGTERM first and SIGKILL for one that does not stop in time.

export interface BackoffOptions {
  /** Pause before the first restart. */
  initialDelayMs: number
  /** The pause doubles with each crash in a row, up to this. */
  maxDelayMs: number
  /** A process that ran this long counts as healthy again: its next restart starts from the first pause. */
  stableAfterMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 }

/** The pause before restart number `crashesInARow` (1 for the first crash). */
export function restartDelay(crashesInARow: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(crashesInARow - 1, 0), 30)
  return Math.min(options.initialDelayMs * 2 ** exponent, options.maxDelayMs)
}

export interface ProcessSpec {
  name: string
  command: string
  args: readonly string[]
  env?: NodeJS.ProcessEnv
  cwd?: string
}

export type SupervisorEvent =
  | { type: 'started'; name: string; pid: number | undefined; count: number }
  | { type: 'exited'; name: string; code: number | null; signal: NodeJS.Signals | null }
  | { type: 'restarting'; name: string; delayMs: number }

export interface Supervisor {
  /** Starts the process and keeps it running until `stopAll`. */
  start(spec: ProcessSpec): void
  /** The running child of that name, if any. */
  current(name: string): ChildProcess | undefined
  /** Stops every process (and every pending restart); resolves when all have exited. */
  stopAll(killAfterMs?: number): Promise<void>
}

export function createSupervisor(
  options: { backoff?: BackoffOptions; onEvent?: (event: SupervisorEvent) => void; stdio?: 'inherit' | 'ignore' } = {},
): Supervisor {
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const emit = options.onEvent ?? (() => {})
  const running = new Map<string, ChildProcess>()
  const pendingRestarts = new Set<NodeJS.Timeout>()
  const crashes = new Map<string, number>()
  const starts = new Map<string, number>()
  let stopping = false

  function start(spec: ProcessSpec) {
    if (stopping) return
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: options.stdio ?? 'inherit',
    })
    const startedAt = Date.now()
    running.set(spec.name, child)
    const count = (starts.get(spec.name) ?? 0) + 1
    starts.set(spec.name, count)
    emit({ type: 'started', name: spec.name, pid: child.pid, count })
    // A command that cannot be spawned at all reports 'error' and then 'exit'; the exit handles it.
    child.on('error', () => {})
    child.once('exit', (code, signal) => {
      if (running.get(spec.name) === child) running.delete(spec.name)
      emit({ type: 'exited', name: spec.name, code, signal })
      if (stopping) return
      const inARow = Date.now() - startedAt >= backoff.stableAfterMs ? 1 : (crashes.get(spec.name) ?? 0) + 1
      crashes.set(spec.name, inARow)
      const delayMs = restartDelay(inARow, backoff)
      emit({ type: 'restarting', name: spec.name, delayMs })
      const timer = setTimeout(() => {
        pendingRestarts.delete(timer)
        start(spec)
      }, delayMs)
      pendingRestarts.add(timer)
    })
  }

  async function stopAll(killAfterMs = 10_000) {
    stopping = true
    for (const timer of pendingRestarts) clearTimeout(timer)
    pendingRestarts.clear()
    await Promise.all(
      [...running.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
            child.once('exit', () => {
              clearTimeout(timer)
              resolve()
            })
            child.kill('SIGTERM')
          }),
      ),
    )
    running.clear()
  }

  return { start, current: (name) => running.get(name), stopAll }
}
