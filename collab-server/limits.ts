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
    this.refill()
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }

  /** Whether the bucket is back to its burst, i.e. no different from a new one. */
  get isFull(): boolean {
    this.refill()
    return this.tokens >= this.burst
  }

  private refill(): void {
    const t = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond)
    this.last = t
  }
}

/**
 * One byte budget per user, shared by all their connections, so that opening more sockets buys no
 * more bandwidth. A user's bucket outlives their connections (reconnecting does not refill it) until
 * it is full again, when `prune` forgets it.
 */
export class UserByteBudgets {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** Spends `bytes` of the user's budget; false (nothing spent) when it does not cover them. */
  take(userId: string, bytes: number): boolean {
    let bucket = this.buckets.get(userId)
    if (!bucket) this.buckets.set(userId, (bucket = new TokenBucket(this.burst, this.perSecond)))
    return bucket.take(bytes)
  }

  /** Forgets full buckets: a full bucket and a new one are the same. */
  prune(): void {
    for (const [userId, bucket] of this.buckets) if (bucket.isFull) this.buckets.delete(userId)
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
