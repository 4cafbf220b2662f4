// Live structured data: one shared LISTEN connection per web process on `scp_plan_changes` (a
// trigger notifies it with the plan id on every change to worksheet records, scores, comments,
// team, plan details and status, measurements, approved versions and endorsements), fanned out to the Server-Sent Events streams of that plan's open pages.
// The same connection hears `scp_user_notifications` (a person's notifications were added or read,
// with their user id), fanned out to that person's bell streams (ADR 061).
// Created on first use, on the LISTEN connection every process shares the code of (core/listener.ts);
// after a reconnect it tells every subscriber that something may have changed.
import { listenOnChannel, type ChannelListener } from '#core/listener.server.ts'
import { createLogger } from '#core/log.server.ts'
import { getEnv } from './env.server.ts'

export const PLAN_CHANGES_CHANNEL = 'scp_plan_changes'
export const USER_NOTIFICATIONS_CHANNEL = 'scp_user_notifications'

type Listener = () => void

class PlanEventHub {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly connection: ChannelListener

  constructor(databaseUrl: string) {
    this.connection = listenOnChannel({
      databaseUrl,
      channel: [PLAN_CHANGES_CHANNEL, USER_NOTIFICATIONS_CHANNEL],
      log: createLogger(),
      name: 'plan events listener',
      onNotification: (id, channel) => this.emit(`${channel}:${id}`),
      onReconnect: () => this.emit(null),
    })
  }

  /** `key` is `<channel>:<id>`: a plan's changes, or one person's notifications. */
  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key)
    if (!set) this.listeners.set(key, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key)
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

  /** Wakes the streams of one key, or of every key after a reconnect (notifications may be lost). */
  private emit(key: string | null): void {
    const targets = key ? [this.listeners.get(key)] : [...this.listeners.values()]
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
  return getHub().subscribe(`${PLAN_CHANGES_CHANNEL}:${planId}`, listener)
}

/** Calls `listener` whenever person `userId`'s notifications may have changed (added, read). */
export function subscribeToNotifications(userId: string, listener: Listener): () => void {
  return getHub().subscribe(`${USER_NOTIFICATIONS_CHANNEL}:${userId}`, listener)
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
