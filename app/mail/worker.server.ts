import { Logger as QueueLogger, parseCrontab, run, type Runner } from 'graphile-worker'
import { listenOnChannel } from '#core/listener.server.ts'
import { type Logger } from '#core/log.server.ts'
import { createDb } from '#db/client.ts'
import { readMailEnv, type MailEnv } from './env.server.ts'
import { DIGEST_HOUR_UTC } from './messages.server.ts'
import { DIGEST_TASK, MAINTENANCE_TASK, mailTasks, NOTIFICATIONS_TASK } from './tasks.server.ts'
import { createMailTransport, type MailTransport } from './transport.server.ts'

// The queue runner (graphile-worker 0.17, ADR 060), started by each web process. Several web
// processes may run it: jobs are taken with row locks, cron runs once per tick across them all.

/** Jobs run at once per process: mail is a trickle, and each try holds one database connection. */
export const CONCURRENCY = 2

// Every minute the pending notifications are looked at, whatever woke the runner or not (a missed
// NOTIFY, a runner that was down); the digest goes at a fixed UTC hour, caught up once if the
// portal was down then; housekeeping hourly.
const CRONTAB = [
  `* * * * * ${NOTIFICATIONS_TASK}`,
  `0 ${DIGEST_HOUR_UTC} * * * ${DIGEST_TASK} ?fill=1d`,
  `17 * * * * ${MAINTENANCE_TASK}`,
].join('\n')

/** The channel the notifications trigger announces on at commit (db/migrations/…_notifications.ts). */
const NOTIFICATIONS_CHANNEL = 'scp_user_notifications'

export interface MailWorker {
  runner: Runner
  stop(): Promise<void>
}

export async function startMailWorker(options: {
  databaseUrl: string
  log: Logger
  env?: MailEnv
  transport?: MailTransport
}): Promise<MailWorker> {
  const { databaseUrl, log } = options
  const env = options.env ?? readMailEnv()
  const transport = options.transport ?? createMailTransport(env, log)
  const db = createDb(databaseUrl, { max: CONCURRENCY + 1, applicationName: 'scp-mail' })
  const runner = await run({
    connectionString: databaseUrl,
    concurrency: CONCURRENCY,
    // The web process handles SIGTERM itself and stops the runner in its shutdown.
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList: mailTasks({ db, env, transport, log }),
    parsedCronItems: parseCrontab(CRONTAB),
    logger: queueLogger(log),
  })
  // New notifications wake the deciding task at once (coalesced by its job key); the cron tick
  // above catches whatever this misses.
  let waking = false
  const wake = () => {
    if (waking) return
    waking = true
    void runner
      .addJob(NOTIFICATIONS_TASK, {}, { jobKey: NOTIFICATIONS_TASK, maxAttempts: 5 })
      .catch((error: unknown) => log('warn', 'mail wake-up failed', { error: String(error) }))
      .finally(() => (waking = false))
  }
  const listener = listenOnChannel({
    databaseUrl,
    channel: NOTIFICATIONS_CHANNEL,
    log,
    name: 'mail wake-up',
    onNotification: wake,
    onReconnect: wake,
  })
  wake()
  log('info', 'mail queue started', { transport: env.smtpUrl ? 'smtp' : 'outbox', publicUrl: env.publicUrl })
  return {
    runner,
    async stop() {
      await listener.stop()
      await runner.stop()
      await db.destroy()
      transport.close()
    },
  }
}

/** graphile-worker's own lines, warnings and errors only, as our JSON log lines. */
function queueLogger(log: Logger) {
  return new QueueLogger(() => (level, text) => {
    // Its first line says what failed; the stack that follows is the library's, not ours.
    const message = text.split('\n')[0]
    if (level === 'error') log('error', 'job queue', { message })
    else if (level === 'warning') log('warn', 'job queue', { message })
  })
}
