// Revocation: a trigger on plan_members and users sends NOTIFY scp_membership (and one on plans,
// with only the plan id, when its status changes: documents are read-only outside draft); this
// dedicated LISTEN connection hears it and asks the server to re-check that user's open sockets.
// After a reconnect it re-checks everyone, because notifications sent in between are lost.
import { z } from 'zod'
import { listenOnChannel } from '#core/listener.server.ts'
import { errorMessage, type Logger } from '#core/log.server.ts'

export const MEMBERSHIP_CHANNEL = 'scp_membership'

const payloadSchema = z.object({ userId: z.string().optional(), planId: z.string().optional() })

export interface RevocationListener {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>
  stop(): Promise<void>
}

export function listenForRevocations(options: {
  databaseUrl: string
  log: Logger
  /** A user's rights changed (on one plan, or everywhere), or everyone's on one plan (userId null). */
  onChange(userId: string | null, planId: string | null): void
  /** Called after a reconnect: every open connection must be re-checked. */
  onResync(): void
}): RevocationListener {
  return listenOnChannel({
    databaseUrl: options.databaseUrl,
    channel: MEMBERSHIP_CHANNEL,
    log: options.log,
    name: 'revocation listener',
    onNotification(payload) {
      try {
        const parsed = payloadSchema.parse(JSON.parse(payload))
        if (parsed.userId || parsed.planId) options.onChange(parsed.userId ?? null, parsed.planId ?? null)
      } catch (error) {
        options.log('warn', 'bad membership notification', { error: errorMessage(error) })
      }
    },
    onReconnect: options.onResync,
  })
}
