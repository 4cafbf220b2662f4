import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSupervisor, restartDelay, type Supervisor, type SupervisorEvent } from '../../scripts/supervisor.ts'

// Real child processes: one that crashes on start, one that keeps running, one that ignores SIGTERM.
const node = process.execPath
const CRASHER = ['-e', 'setTimeout(() => process.exit(3), 20)']
const STEADY = ['-e', 'setInterval(() => {}, 1000)']
// Writes the file named by its argument once its SIGTERM handler is in place.
const STUBBORN = [
  '-e',
  "process.on('SIGTERM', () => {}); require('fs').writeFileSync(process.argv[1], 'ready'); setInterval(() => {}, 1000)",
]
const FAST = { initialDelayMs: 10, maxDelayMs: 40, stableAfterMs: 60_000 }

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function waitFor(events: SupervisorEvent[], predicate: (event: SupervisorEvent) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (events.some(predicate)) {
        clearInterval(poll)
        resolve()
      }
    }, 5)
  })
}

let supervisor: Supervisor | undefined
afterEach(async () => {
  await supervisor?.stopAll(500)
  supervisor = undefined
})

describe('restartDelay', () => {
  it('doubles with each crash in a row and stops at the maximum', () => {
    const options = { initialDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 }
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => restartDelay(n, options))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ])
  })
})

describe('createSupervisor', () => {
  it('restarts a crashing process with growing pauses while its sibling keeps running', async () => {
    const events: SupervisorEvent[] = []
    supervisor = createSupervisor({ backoff: FAST, stdio: 'ignore', onEvent: (event) => events.push(event) })
    supervisor.start({ name: 'steady', command: node, args: STEADY })
    supervisor.start({ name: 'web', command: node, args: CRASHER })
    const steadyPid = supervisor.current('steady')?.pid
    await waitFor(events, (e) => e.type === 'started' && e.name === 'web' && e.count === 4)

    const webExits = events.filter((e) => e.type === 'exited' && e.name === 'web')
    expect(webExits.length).toBeGreaterThanOrEqual(3)
    expect(webExits.every((e) => e.type === 'exited' && e.code === 3)).toBe(true)
    const delays = events.flatMap((e) => (e.type === 'restarting' && e.name === 'web' ? [e.delayMs] : []))
    expect(delays.slice(0, 3)).toEqual([10, 20, 40])
    expect(supervisor.current('steady')?.pid).toBe(steadyPid)
    expect(isAlive(steadyPid)).toBe(true)
    expect(events.some((e) => e.type === 'exited' && e.name === 'steady')).toBe(false)
  })

  it('starts a killed process again with a new pid', async () => {
    const events: SupervisorEvent[] = []
    supervisor = createSupervisor({ backoff: FAST, stdio: 'ignore', onEvent: (event) => events.push(event) })
    supervisor.start({ name: 'web', command: node, args: STEADY })
    const firstPid = supervisor.current('web')?.pid
    process.kill(firstPid!, 'SIGKILL')
    await waitFor(events, (e) => e.type === 'started' && e.name === 'web' && e.count === 2)
    const secondPid = supervisor.current('web')?.pid
    expect(secondPid).toBeDefined()
    expect(secondPid).not.toBe(firstPid)
    expect(isAlive(secondPid)).toBe(true)
  })

  it('stops everything on stopAll, cancels pending restarts and kills a process that ignores SIGTERM', async () => {
    const events: SupervisorEvent[] = []
    supervisor = createSupervisor({
      backoff: { ...FAST, initialDelayMs: 200, maxDelayMs: 200 },
      stdio: 'ignore',
      onEvent: (event) => events.push(event),
    })
    supervisor.start({ name: 'steady', command: node, args: STEADY })
    const ready = path.join(mkdtempSync(path.join(os.tmpdir(), 'supervisor-')), 'ready')
    supervisor.start({ name: 'stubborn', command: node, args: [...STUBBORN, ready] })
    supervisor.start({ name: 'web', command: node, args: CRASHER })
    const pids = [supervisor.current('steady')?.pid, supervisor.current('stubborn')?.pid]
    // The crasher has exited and waits for its restart when the stop comes.
    await waitFor(events, (e) => e.type === 'restarting' && e.name === 'web')
    while (!existsSync(ready)) await new Promise((resolve) => setTimeout(resolve, 10))
    await supervisor.stopAll(300)

    expect(pids.map(isAlive)).toEqual([false, false])
    expect(events).toContainEqual({ type: 'exited', name: 'stubborn', code: null, signal: 'SIGKILL' })
    expect(events).toContainEqual({ type: 'exited', name: 'steady', code: null, signal: 'SIGTERM' })
    const startsBefore = events.filter((e) => e.type === 'started').length
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(events.filter((e) => e.type === 'started').length).toBe(startsBefore)
    expect(supervisor.current('web')).toBeUndefined()
  })
})
