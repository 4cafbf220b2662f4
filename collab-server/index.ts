// Process entry of the collab-server: reads the environment, listens, shuts down cleanly on
// SIGTERM/SIGINT (stores what is queued, compacts, closes sockets with serverShutdown).
import { z } from 'zod'
import { createDb } from '#db/client.ts'
import { createLogger } from '#core/log.server.ts'
import { newInstanceName } from './fanout.ts'
import { createCollabServer } from './server.ts'

const optionalInt = z.coerce.number().int().positive().optional()
const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    COLLAB_SECRET: z.string().min(32),
    COLLAB_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    COLLAB_HOST: z.string().default('127.0.0.1'),
    COLLAB_DEBUG: z.enum(['0', '1']).default('0'),
    COLLAB_EXPOSE_STATS: z.enum(['0', '1']).default('0'),
    COLLAB_RATE_PER_SECOND: optionalInt,
    COLLAB_RATE_BURST: optionalInt,
    COLLAB_MAX_CONNECTIONS_PER_USER: optionalInt,
    COLLAB_MAX_DOCUMENTS_PER_USER: optionalInt,
    COLLAB_IDLE_UNLOAD_MS: optionalInt,
  })
  .parse(process.env)

const log = createLogger({ debug: env.COLLAB_DEBUG === '1' })
const instanceName = newInstanceName()
const db = createDb(env.DATABASE_URL, { max: 10, applicationName: instanceName })
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
const server = createCollabServer({
  db,
  databaseUrl: env.DATABASE_URL,
  instanceName,
  secret: env.COLLAB_SECRET,
  log,
  exposeStats: env.COLLAB_EXPOSE_STATS === '1',
  limits: defined({
    ratePerSecond: env.COLLAB_RATE_PER_SECOND,
    rateBurst: env.COLLAB_RATE_BURST,
    maxConnectionsPerUser: env.COLLAB_MAX_CONNECTIONS_PER_USER,
    maxDocumentsPerUser: env.COLLAB_MAX_DOCUMENTS_PER_USER,
  }),
  timings: defined({ idleUnloadMs: env.COLLAB_IDLE_UNLOAD_MS }),
})

const port = await server.listen(env.COLLAB_PORT, env.COLLAB_HOST)
log('info', 'collab-server listening', { host: env.COLLAB_HOST, port, instance: instanceName })

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  log('info', 'shutting down', { signal })
  const force = setTimeout(() => process.exit(1), 15_000)
  try {
    await server.close()
    await db.destroy()
  } finally {
    clearTimeout(force)
    process.exit(0)
  }
}
// A stray rejection is a bug to fix, not a reason to drop every connection: log it and keep serving.
process.on('unhandledRejection', (reason) =>
  log('error', 'unhandled rejection', { error: reason instanceof Error ? reason.message : String(reason) }),
)
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
