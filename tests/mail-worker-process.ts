// The mail queue runner alone in a process of its own, as the web process runs it: the restart test
// (app/mail/restart.test.ts) kills it mid-way and starts another. Reads DATABASE_URL, SMTP_URL and
// PUBLIC_URL; prints "ready" once the runner is up.
import { createLogger } from '#core/log.server.ts'
import { startMailWorker } from '#app/mail/worker.server.ts'

const worker = await startMailWorker({ databaseUrl: process.env.DATABASE_URL!, log: createLogger() })
process.stdout.write('ready\n')
process.on('SIGTERM', () => void worker.stop().then(() => process.exit(0)))
