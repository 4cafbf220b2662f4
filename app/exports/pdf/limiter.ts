// A small admission queue: at most `concurrency` jobs run, at most `maxQueued` wait, and a job
// that waits longer than `maxWaitMs` gives up. Chromium needs a few hundred MB and a CPU per PDF,
// so on a two-core server an unbounded burst of exports would starve the web process. One key (a
// user) may have at most `perKey` jobs running or waiting, so one reader's burst of exports is
// refused on its own instead of filling the queue and turning everyone else away.

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

export class KeyBusyError extends Error {
  constructor() {
    super('This user already has as many PDF exports in progress as allowed')
  }
}

export class Limiter {
  private running = 0
  private waiting: { start: () => void; timer: NodeJS.Timeout }[] = []
  private inFlight = new Map<string, number>()

  constructor(
    private readonly options: { concurrency: number; maxQueued: number; maxWaitMs: number; perKey?: number },
  ) {}

  /**
   * Runs `job` when a slot is free; rejects at once when the queue is full, or with KeyBusyError
   * when `key` already has `perKey` jobs running or waiting.
   */
  async run<T>(job: () => Promise<T>, key?: string): Promise<T> {
    const perKey = this.options.perKey ?? Infinity
    if (key !== undefined) {
      const count = this.inFlight.get(key) ?? 0
      if (count >= perKey) throw new KeyBusyError()
      this.inFlight.set(key, count + 1)
    }
    try {
      await this.acquire()
      try {
        return await job()
      } finally {
        this.release()
      }
    } finally {
      if (key !== undefined) {
        const left = (this.inFlight.get(key) ?? 1) - 1
        if (left > 0) this.inFlight.set(key, left)
        else this.inFlight.delete(key)
      }
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
