import { randomBytes } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDb } from '#db/client.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { demoAccountsText, seedIfEmpty } from '#seed/index.ts'
import { createSupervisor } from './supervisor.ts'

// `npm start` / `npm run dev`: one command that brings up the whole portal.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = path.join(root, '.data')
const dev = process.argv.includes('--dev')
const log = (message: string) => console.log(`[scp] ${message}`)

/** Secrets come from the environment; on a local install they are generated once and kept in .data/. */
// TOTP_KEY encrypts the two-factor secrets (ADR 064): kept apart from SESSION_SECRET so that
// changing the session secret does not lock everyone out of their second factor.
type SecretName = 'SESSION_SECRET' | 'COLLAB_SECRET' | 'TOTP_KEY'
async function loadSecrets(): Promise<Record<SecretName, string>> {
  const file = path.join(dataDir, 'secrets.json')
  let stored: Partial<Record<SecretName, string>> = {}
  if (existsSync(file)) stored = JSON.parse(await fs.readFile(file, 'utf8')) as typeof stored
  const secrets = {
    SESSION_SECRET: process.env.SESSION_SECRET ?? stored.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    COLLAB_SECRET: process.env.COLLAB_SECRET ?? stored.COLLAB_SECRET ?? randomBytes(32).toString('hex'),
    TOTP_KEY: process.env.TOTP_KEY || stored.TOTP_KEY || randomBytes(32).toString('hex'),
  }
  if (!process.env.SESSION_SECRET || !process.env.COLLAB_SECRET || !process.env.TOTP_KEY) {
    await fs.mkdir(dataDir, { recursive: true })
    await fs.writeFile(file, JSON.stringify({ ...stored, ...secrets }, null, 2), { mode: 0o600 })
  }
  return secrets
}

let shuttingDown = false
let embedded: EmbeddedDatabase | undefined

// Web and collab-server are both restarted when they crash (with backoff); the database is only
// stopped by Ctrl-C/SIGTERM, never because one of them died.
const supervisor = createSupervisor({
  onEvent(event) {
    if (shuttingDown) return
    if (event.type === 'exited') log(`${event.name} stopped (${event.signal ?? `exit code ${event.code}`})`)
    if (event.type === 'restarting') log(`restarting ${event.name} in ${Math.round(event.delayMs / 1000)} s`)
  },
})

function run(name: string, script: string, env: NodeJS.ProcessEnv) {
  supervisor.start({ name, command: process.execPath, args: ['--import', 'tsx', script], cwd: root, env })
}

async function shutdown(code = 0) {
  if (shuttingDown) return
  shuttingDown = true
  log('shutting down…')
  await supervisor.stopAll()
  if (embedded) {
    await embedded.stop()
    log('database stopped')
  }
  process.exit(code)
}

async function main() {
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))
  let databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    log('starting embedded PostgreSQL (data in .data/postgres)…')
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres') })
    databaseUrl = embedded.url
    log(`embedded PostgreSQL on port ${embedded.port}`)
  } else {
    log('using the PostgreSQL given by DATABASE_URL')
  }
  const db = createDb(databaseUrl, { max: 1 })
  const { results } = await migrateToLatest(db)
  await db.destroy()
  log(`migrations: ${results?.length ? results.map((r) => r.migrationName).join(', ') : 'up to date'}`)
  if (process.env.SEED_DEMO !== 'false' && (await seedIfEmpty(databaseUrl))) log('demo data loaded')
  const port = process.env.PORT ?? '3000'
  const collabPort = process.env.COLLAB_PORT ?? '3001'
  const nodeEnv: 'development' | 'production' = dev ? 'development' : 'production'
  const env = {
    ...process.env,
    ...(await loadSecrets()),
    DATABASE_URL: databaseUrl,
    NODE_ENV: nodeEnv,
    PORT: port,
    // The web process forwards co-editing sockets on /collab/ to this port, so browsers need only
    // the address they opened the portal on (COLLAB_PUBLIC_URL, if set, sends them elsewhere: ADR 052).
    COLLAB_PORT: collabPort,
  }
  run('web', 'app/server.ts', env)
  if (existsSync(path.join(root, 'collab-server/index.ts'))) run('collab-server', 'collab-server/index.ts', env)
  console.log(`\n  SCP Portal: http://localhost:${port}\n\n${demoAccountsText()}\n`)
}

main().catch(async (error: unknown) => {
  console.error('[scp] could not start:', error instanceof Error ? error.message : error)
  await shutdown(1)
})
