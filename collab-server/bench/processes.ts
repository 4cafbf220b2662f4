// The benchmark's server processes (our collab-server instances, the reference server): started
// with the same Node flags (and CPU pinning, if any), ready once they print a given text, and all
// stopped together when the run ends, fails or runs out of time.
import { spawn, type ChildProcess } from 'node:child_process'
import { type Pinning } from './pinning.ts'

export function serverProcesses(pinning: Pinning | null) {
  const children: ChildProcess[] = []
  return {
    /** Resolves once the process prints `readyText`; every line goes to `onLine` first. */
    start(script: string, env: Record<string, string>, readyText: string, onLine?: (line: string) => void) {
      const profile = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', '--cpu-prof-dir=.data/bench-profiles'] : []
      const [command, ...prefix] = [...(pinning?.serverCommand ?? []), process.execPath]
      // --expose-gc: the memory step reads the servers' memory after a forced full collection.
      const child = spawn(command!, [...prefix, '--expose-gc', ...profile, '--import', 'tsx', script], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      children.push(child)
      let buffer = ''
      return new Promise<ChildProcess>((resolve, reject) => {
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
    },
    /** SIGTERM (our server stores what it has queued), then SIGKILL a second later. */
    async stopAll() {
      for (const child of children) child.kill('SIGTERM')
      await new Promise((r) => setTimeout(r, 1_000))
      for (const child of children) child.kill('SIGKILL')
    },
  }
}
