// Revocation: a trigger on plan_members and users sends NOTIFY scp_membership (and one on plans,
// with only the plan id, when its status changes: documents are read-only outside draft); this dedicated
// LISTEN connection hears it and asks the server to re-check that user's open sockets. When the
// connection drops (database restart) it reconnects with backoff and re-checks everyone, because
// notifications sent in between are lost.
import pg from 'pg'
import { z } from 'zod'
import { errorMessage, type Logger } from './log.ts'

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
  let client: pg.Client | null = null
  let stopped = false
  let delay = 100
  let timer: NodeJS.Timeout | undefined
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))

  const schedule = () => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => void connect(true), delay)
    delay = Math.min(delay * 2, 5_000)
  }

  async function connect(isReconnect: boolean): Promise<void> {
    const c = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true })
    c.on('error', (error) => options.log('warn', 'revocation listener error', { error: errorMessage(error) }))
    c.on('end', () => {
      if (client === c) client = null
      schedule()
    })
    c.on('notification', (message) => {
      if (message.channel !== MEMBERSHIP_CHANNEL || !message.payload) return
      try {
        const parsed = payloadSchema.parse(JSON.parse(message.payload))
        if (parsed.userId || parsed.planId) options.onChange(parsed.userId ?? null, parsed.planId ?? null)
      } catch (error) {
        options.log('warn', 'bad membership notification', { error: errorMessage(error) })
      }
    })
    try {
      await c.connect()
      await c.query(`LISTEN ${MEMBERSHIP_CHANNEL}`)
      if (stopped) {
        await c.end()
        return
      }
      client = c
      delay = 100
      markReady()
      if (isReconnect) {
        options.log('info', 'revocation listener reconnected')
        options.onResync()
      }
    } catch (error) {
      options.log('warn', 'revocation listener cannot connect', { error: errorMessage(error) })
      c.removeAllListeners('end')
      c.end().catch(() => {})
      schedule()
    }
  }

  void connect(false)
  return {
    ready,
    async stop() {
      stopped = true
      clearTimeout(timer)
      const c = client
      client = null
      await c?.end().catch(() => {})
    },
  }
}
