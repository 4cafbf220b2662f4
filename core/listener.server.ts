// A dedicated PostgreSQL connection that LISTENs on one or more channels for as long as the process wants
// it. The web app hears plan changes on it (live pages), the collab-server membership and status
// changes (revocation). When the connection drops (a database restart) it reconnects with backoff
// and says so, because notifications sent in between are lost: the caller then re-checks
// everything it watches.
import pg from 'pg'
import { errorMessage, type Logger } from './log.server.ts'

export interface ChannelListener {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>
  /** Resolves once the first attempt to connect has ended, whether or not it succeeded. */
  attempted: Promise<void>
  stop(): Promise<void>
}

/** Reconnection delays: 100 ms, doubling to at most 5 s. */
export const RECONNECT_DELAY = { first: 100, max: 5_000 } as const

export function listenOnChannel(options: {
  databaseUrl: string
  /** One channel, or several heard on the same connection. */
  channel: string | readonly string[]
  log: Logger
  /** What the log lines call this listener. */
  name: string
  onNotification(payload: string, channel: string): void
  /** Called after a reconnect: notifications may have been missed meanwhile. */
  onReconnect(): void
}): ChannelListener {
  const channels: readonly string[] = typeof options.channel === 'string' ? [options.channel] : options.channel
  // Channel names are ours, never the user's; still, only a plain identifier may reach the SQL.
  for (const channel of channels) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`)
  }
  let client: pg.Client | null = null
  let stopped = false
  let delay: number = RECONNECT_DELAY.first
  let timer: NodeJS.Timeout | undefined
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))

  const schedule = () => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => void connect(true), delay)
    timer.unref()
    delay = Math.min(delay * 2, RECONNECT_DELAY.max)
  }

  async function connect(isReconnect: boolean): Promise<void> {
    const c = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true })
    c.on('error', (error) => options.log('warn', `${options.name} error`, { error: errorMessage(error) }))
    c.on('end', () => {
      if (client !== c) return
      client = null
      schedule()
    })
    c.on('notification', (message) => {
      if (channels.includes(message.channel) && message.payload)
        options.onNotification(message.payload, message.channel)
    })
    try {
      await c.connect()
      for (const channel of channels) await c.query(`LISTEN ${channel}`)
      if (stopped) {
        await c.end()
        return
      }
      client = c
      delay = RECONNECT_DELAY.first
      markReady()
      if (isReconnect) {
        options.log('info', `${options.name} reconnected`)
        options.onReconnect()
      }
    } catch (error) {
      options.log('warn', `${options.name} cannot connect`, { error: errorMessage(error) })
      c.removeAllListeners('end')
      c.end().catch(() => {})
      schedule()
    }
  }

  const attempted = connect(false)
  return {
    ready,
    attempted,
    async stop() {
      stopped = true
      clearTimeout(timer)
      const c = client
      client = null
      await c?.end().catch(() => {})
    },
  }
}
