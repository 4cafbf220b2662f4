import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { createDb } from '#db/client.ts'
import { createLogger } from '#core/log.server.ts'
import { forwardCollabUpgrades } from './http/collab-forwarding.server.ts'
import { trustedForwarding, type TrustFn } from './http/forwarded.server.ts'
import { crossOriginGuard } from './http/origin-guard.server.ts'
import { securityHeaders } from './http/security-headers.server.ts'
import { collabInternalUrl, getEnv } from './utils/env.server.ts'
import { refreshStaleCompletion } from './signoff/completion.server.ts'
import { startMailWorker } from './mail/worker.server.ts'
import { schedulePruning } from './utils/pruning.server.ts'
import { scheduleReminders } from './monitoring/reminders.server.ts'
import { mountRemix } from './utils/web-app.server.ts'

// The web process: serves the Remix build behind an origin check, compression and security headers,
// and forwards co-editing sockets on /collab/ to the collab-server (ADR 052).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const isDev = process.env.NODE_ENV === 'development'
const port = Number(process.env.PORT ?? 3000)
// Unset: every interface, so that other devices on the network can open the portal.
const host = process.env.HOST || undefined
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '').split(',').filter(Boolean)

const viteDevServer = isDev
  ? await import('vite').then((vite) => vite.createServer({ root, server: { middlewareMode: true } }))
  : undefined

const app = express()
app.disable('x-powered-by')
app.use(trustedForwarding(app, process.env.TRUST_PROXY))
app.use(compression())

app.use(securityHeaders({ collabUrl: getEnv().COLLAB_PUBLIC_URL, development: isDev }))
app.use(crossOriginGuard(allowedOrigins))

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }))
}

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  : ((await import(path.join(root, 'build/server/index.js'))) as ServerBuild)

mountRemix(app, build, isDev ? 'development' : 'production')

const server = createServer(app).listen({ port, host }, () =>
  console.log(`Web portal listening on http://${host ?? 'localhost'}:${port}`),
)
const collabForwarding = forwardCollabUpgrades(server, {
  target: collabInternalUrl(),
  allowedOrigins,
  trustProxy: app.get('trust proxy fn') as TrustFn,
  log: createLogger(),
})

// Housekeeping on its own single connection, so it never waits for a slot behind page requests.
const maintenanceDb = createDb(getEnv().DATABASE_URL, { max: 1 })
const stopPruning = schedulePruning(maintenanceDb)
// Measurement-due reminders, hourly (ADR 062); idempotent, so several web processes may all run it.
const stopReminders = scheduleReminders(maintenanceDb)
// Plans whose completeness fell behind while no page evaluated them (after a migration, an import)
// are evaluated once now, so that the first dashboard after a start does not have to (ADR 037).
const catchUp = refreshStaleCompletion(maintenanceDb).then(
  (plans) =>
    plans > 0 &&
    console.log(JSON.stringify({ t: new Date().toISOString(), level: 'info', event: 'completeness caught up', plans })),
  (error: unknown) =>
    console.error(
      JSON.stringify({
        t: new Date().toISOString(),
        level: 'warn',
        event: 'completeness catch-up failed',
        error: String(error),
      }),
    ),
)

// Email: the job queue's runner, in this process (ADR 060). A failure to start it is logged and the
// portal serves on; the messages wait in the database for the next start.
const mailWorker = startMailWorker({ databaseUrl: getEnv().DATABASE_URL, log: createLogger() }).catch(
  (error: unknown) => {
    console.error(
      JSON.stringify({
        t: new Date().toISOString(),
        level: 'error',
        event: 'mail queue did not start',
        error: String(error),
      }),
    )
    return undefined
  },
)

function shutdown() {
  // A job being tried finishes first: a runner killed mid-job leaves it locked for hours (ADR 060).
  const mailStopped = mailWorker.then((worker) => worker?.stop()).catch(() => undefined)
  void Promise.all([stopPruning(), stopReminders(), catchUp]).then(() => maintenanceDb.destroy())
  // Forwarded sockets would hold server.close() open; their browsers reconnect to whoever serves next.
  collabForwarding.close()
  server.close(() => void mailStopped.then(() => process.exit(0)))
  setTimeout(() => process.exit(0), 5_000).unref()
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
