import { describe, expect, it } from 'vitest'
import { Limiter, QueueFullError, QueueTimeoutError } from './limiter.ts'

const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('the PDF limiter', () => {
  it('runs at most `concurrency` jobs, queues the next ones in order and refuses beyond the queue cap', async () => {
    const limiter = new Limiter({ concurrency: 2, maxQueued: 1, maxWaitMs: 5_000 })
    const gates = [deferred(), deferred(), deferred()]
    const started: number[] = []
    const jobs = gates.map((g, i) => limiter.run(async () => (started.push(i), await g.promise, i)))
    await Promise.resolve()
    expect(started).toEqual([0, 1])
    expect(limiter.stats).toEqual({ running: 2, waiting: 1 })
    await expect(limiter.run(async () => 'too many')).rejects.toBeInstanceOf(QueueFullError)
    gates[0]!.resolve()
    await jobs[0]
    await new Promise((r) => setTimeout(r, 0))
    expect(started).toEqual([0, 1, 2])
    gates[1]!.resolve()
    gates[2]!.resolve()
    expect(await Promise.all(jobs)).toEqual([0, 1, 2])
    expect(limiter.stats).toEqual({ running: 0, waiting: 0 })
  })

  it('gives up on a job that waited too long, and frees the slot of a job that failed', async () => {
    const limiter = new Limiter({ concurrency: 1, maxQueued: 5, maxWaitMs: 20 })
    const gate = deferred()
    const first = limiter.run(() => gate.promise)
    await expect(limiter.run(async () => 'late')).rejects.toBeInstanceOf(QueueTimeoutError)
    gate.resolve()
    await first
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await limiter.run(async () => 'next')).toBe('next')
  })
})
