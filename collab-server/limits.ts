// Abuse limits: a token bucket per connection and per-user caps on connections and documents.

/** Classic token bucket; `take()` is false once the burst is spent faster than the refill. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst
    this.last = now()
  }

  take(cost = 1): boolean {
    const t = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond)
    this.last = t
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }
}

/** Counts each user's open connections by document, to cap connections and distinct documents. */
export class UserQuota {
  private readonly byUser = new Map<string, Map<string, number>>()

  constructor(
    private readonly maxConnections: number,
    private readonly maxDocuments: number,
  ) {}

  /** Reserves a slot; false when the user is at a cap. Release with `release` exactly once. */
  tryAcquire(userId: string, docName: string): boolean {
    const docs = this.byUser.get(userId) ?? new Map<string, number>()
    const total = [...docs.values()].reduce((a, b) => a + b, 0)
    if (total >= this.maxConnections) return false
    if (!docs.has(docName) && docs.size >= this.maxDocuments) return false
    docs.set(docName, (docs.get(docName) ?? 0) + 1)
    this.byUser.set(userId, docs)
    return true
  }

  release(userId: string, docName: string): void {
    const docs = this.byUser.get(userId)
    const n = docs?.get(docName)
    if (!docs || n === undefined) return
    if (n <= 1) docs.delete(docName)
    else docs.set(docName, n - 1)
    if (docs.size === 0) this.byUser.delete(userId)
  }
}
