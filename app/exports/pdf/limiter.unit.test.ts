import { describe, expect, it } from 'vitest'
import { KeyBusyError, Limiter, QueueFullError, QueueTimeoutError } from './limiter.ts'

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

describe('the per-user PDF limit', () => {
  it('refuses a key beyond `perKey` jobs in flight while other keys still get slots, and frees it when a job ends', async () => {
    const limiter = new Limiter({ concurrency: 1, maxQueued: 3, maxWaitMs: 5_000, perKey: 2 })
    const gates = [deferred(), deferred(), deferred()]
    const first = limiter.run(() => gates[0]!.promise, 'reader')
    const second = limiter.run(() => gates[1]!.promise, 'reader')
    await expect(limiter.run(async () => 'third', 'reader')).rejects.toBeInstanceOf(KeyBusyError)
    const other = limiter.run(() => gates[2]!.promise.then(() => 'other'), 'someone-else')
    expect(limiter.stats).toEqual({ running: 1, waiting: 2 })
    gates[0]!.resolve()
    await first
    const again = limiter.run(async () => 'again', 'reader')
    gates[1]!.resolve()
    gates[2]!.resolve()
    expect(await Promise.all([second, other, again])).toEqual([undefined, 'other', 'again'])
    expect(await limiter.run(async () => 'free', 'reader')).toBe('free')
  })

  it('counts a job refused by the full queue out again', async () => {
    const limiter = new Limiter({ concurrency: 1, maxQueued: 0, maxWaitMs: 5_000, perKey: 1 })
    const gate = deferred()
    const running = limiter.run(() => gate.promise, 'a')
    await expect(limiter.run(async () => 'x', 'b')).rejects.toBeInstanceOf(QueueFullError)
    gate.resolve()
    await running
    expect(await limiter.run(async () => 'b again', 'b')).toBe('b again')
  })
})
