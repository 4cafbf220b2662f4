import { createLogger, errorMessage } from '#core/log.server.ts'

const log = createLogger()

/**
 * Runs `task` now and every `intervalMs` in this process (pruning, reminders): never two runs at
 * once, a failure reported and retried at the next tick, and a timer that does not keep the
 * process alive. Returns a function that stops it and resolves once a run in progress has finished.
 */
export function repeatEvery(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<void> | undefined
  const run = () => {
    running ??= task()
      .then(() => undefined, onError)
      .finally(() => (running = undefined))
  }
  run()
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}

/** The default report of a failed periodic run, as one structured warning. */
export function reportFailure(event: string) {
  return (error: unknown) => log('warn', event, { error: errorMessage(error) })
}
