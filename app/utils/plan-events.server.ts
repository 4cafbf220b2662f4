// Live structured data: one shared LISTEN connection per web process on `scp_plan_changes` (a
// trigger notifies it with the plan id on every change to worksheet records, scores, comments,
// team, plan details and status, measurements, approved versions and endorsements), fanned out to the Server-Sent Events streams of that plan's open pages.
// Created on first use, on the LISTEN connection every process shares the code of (core/listener.ts);
// after a reconnect it tells every subscriber that something may have changed.
import { listenOnChannel, type ChannelListener } from '#core/listener.server.ts'
import { createLogger } from '#core/log.server.ts'
import { getEnv } from './env.server.ts'

export const PLAN_CHANGES_CHANNEL = 'scp_plan_changes'

type Listener = () => void

class PlanEventHub {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly connection: ChannelListener

  constructor(databaseUrl: string) {
    this.connection = listenOnChannel({
      databaseUrl,
      channel: PLAN_CHANGES_CHANNEL,
      log: createLogger(),
      name: 'plan events listener',
      onNotification: (planId) => this.emit(planId),
      onReconnect: () => this.emit(null),
    })
  }

  subscribe(planId: string, listener: Listener): () => void {
    let set = this.listeners.get(planId)
    if (!set) this.listeners.set(planId, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.listeners.get(planId) === set) this.listeners.delete(planId)
    }
  }

  /**
   * Resolves once LISTEN is in place, or once the first attempt failed (a stream then opens anyway
   * and hears of every change once the connection is back, through the reconnect's catch-up).
   */
  ensureConnected(): Promise<void> {
    return this.connection.attempted
  }

  stop(): Promise<void> {
    return this.connection.stop()
  }

  /** Wakes the pages of one plan, or of every plan after a reconnect (notifications may be lost). */
  private emit(planId: string | null): void {
    const targets = planId ? [this.listeners.get(planId)] : [...this.listeners.values()]
    for (const set of targets) for (const listener of set ?? []) listener()
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
