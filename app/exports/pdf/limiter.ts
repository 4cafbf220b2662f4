// A small admission queue: at most `concurrency` jobs run, at most `maxQueued` wait, and a job
// that waits longer than `maxWaitMs` gives up. Chromium needs a few hundred MB and a CPU per PDF,
// so on a two-core server an unbounded burst of exports would starve the web process.

export class QueueFullError extends Error {
  constructor() {
    super('Too many PDF exports are waiting')
  }
}

export class QueueTimeoutError extends Error {
  constructor() {
    super('A PDF export waited too long for its turn')
  }
}

export class Limiter {
  private running = 0
  private waiting: { start: () => void; timer: NodeJS.Timeout }[] = []

  constructor(private readonly options: { concurrency: number; maxQueued: number; maxWaitMs: number }) {}

  /** Runs `job` when a slot is free; rejects at once when the queue is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await job()
    } finally {
      this.release()
    }
  }

  get stats() {
    return { running: this.running, waiting: this.waiting.length }
  }

  private acquire(): Promise<void> {
    if (this.running < this.options.concurrency) {
      this.running++
      return Promise.resolve()
    }
    if (this.waiting.length >= this.options.maxQueued) return Promise.reject(new QueueFullError())
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(entry.timer)
          this.running++
          resolve()
        },
        timer: setTimeout(() => {
          this.waiting = this.waiting.filter((w) => w !== entry)
          reject(new QueueTimeoutError())
        }, this.options.maxWaitMs),
      }
      this.waiting.push(entry)
    })
  }

  private release(): void {
    this.running--
    this.waiting.shift()?.start()
  }
}
