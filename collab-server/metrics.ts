// Server-side latency of the write path: from a client update's arrival to its broadcast (which
// includes the database commit). Kept as the most recent samples in a ring, for /stats.
const CAPACITY = 100_000

export class LatencyRecorder {
  private readonly samples = new Float64Array(CAPACITY)
  private count = 0

  record(ms: number): void {
    this.samples[this.count % CAPACITY] = ms
    this.count++
  }

  reset(): void {
    this.count = 0
  }

  summary(): { count: number; p50: number | null; p99: number | null } {
    const n = Math.min(this.count, CAPACITY)
    if (n === 0) return { count: 0, p50: null, p99: null }
    const sorted = this.samples.slice(0, n).sort()
    const at = (p: number) => Math.round(sorted[Math.min(n - 1, Math.floor(p * n))]! * 100) / 100
    return { count: this.count, p50: at(0.5), p99: at(0.99) }
  }
}
