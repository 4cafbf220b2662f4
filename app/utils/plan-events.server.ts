// Live structured data: one shared LISTEN connection per web process on `scp_plan_changes` (a
// trigger notifies it with the plan id on every change to worksheet records, scores, comments,
// team, plan details and status, measurements, approved versions and endorsements), fanned out to the Server-Sent Events streams of that plan's open pages.
// Created on first use; when it drops it reconnects with backoff and then tells every subscriber
// that something may have changed, because notifications sent in between are lost.
import pg from 'pg'
import { getEnv } from './env.server.ts'

export const PLAN_CHANGES_CHANNEL = 'scp_plan_changes'

type Listener = () => void

class PlanEventHub {
  private client: pg.Client | null = null
  private readonly listeners = new Map<string, Set<Listener>>()
  private connecting: Promise<void> | null = null
  private delay = 250
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(private readonly databaseUrl: string) {}

  subscribe(planId: string, listener: Listener): () => void {
    let set = this.listeners.get(planId)
    if (!set) this.listeners.set(planId, (set = new Set()))
    set.add(listener)
    void this.ensureConnected()
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.listeners.get(planId) === set) this.listeners.delete(planId)
    }
  }

  /** Resolves once LISTEN is in place (for tests and for streams that must not miss a change). */
  ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve()
    this.connecting ??= this.connect(false).finally(() => (this.connecting = null))
    return this.connecting
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    const c = this.client
    this.client = null
    await c?.end().catch(() => {})
  }

  private emit(planId: string | null): void {
    const targets = planId ? [this.listeners.get(planId)] : [...this.listeners.values()]
    for (const set of targets) for (const listener of set ?? []) listener()
  }

  private schedule(): void {
    if (this.stopped) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.connect(true), this.delay)
    this.timer.unref()
    this.delay = Math.min(this.delay * 2, 10_000)
  }

  private async connect(isReconnect: boolean): Promise<void> {
    if (this.stopped || this.client) return
    const c = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true })
    c.on('error', (error) => console.warn(`[plan-events] listener error: ${error.message}`))
    c.on('end', () => {
      if (this.client !== c) return
      this.client = null
      this.schedule()
    })
    c.on('notification', (message) => {
      if (message.channel === PLAN_CHANGES_CHANNEL && message.payload) this.emit(message.payload)
    })
    try {
      await c.connect()
      await c.query(`LISTEN ${PLAN_CHANGES_CHANNEL}`)
      if (this.stopped) {
        await c.end()
        return
      }
      this.client = c
      this.delay = 250
      if (isReconnect) this.emit(null)
    } catch (error) {
      console.warn(`[plan-events] cannot listen: ${error instanceof Error ? error.message : String(error)}`)
      c.removeAllListeners('end')
      c.end().catch(() => {})
      this.schedule()
    }
  }
}

let hub: PlanEventHub | undefined

function getHub(): PlanEventHub {
  hub ??= new PlanEventHub(getEnv().DATABASE_URL)
  return hub
}

/** Calls `listener` whenever plan `planId` may have changed; returns the unsubscribe function. */
export function subscribeToPlanChanges(planId: string, listener: Listener): () => void {
  return getHub().subscribe(planId, listener)
}

/** Resolves once the shared LISTEN connection is established. */
export function planEventsReady(): Promise<void> {
  return getHub().ensureConnected()
}

/** Closes the shared connection (tests, shutdown). */
export async function stopPlanEvents(): Promise<void> {
  const h = hub
  hub = undefined
  await h?.stop()
}
