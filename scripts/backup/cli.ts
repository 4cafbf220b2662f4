import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BackupError } from '#db/backup/format.ts'
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from '#db/embedded.ts'

// What `npm run db:backup` and `npm run db:restore` share: which database, where relative paths
// start, and how a failure is told (one line, no stack trace, a non-zero exit code).

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const embeddedDir = path.join(root, '.data', 'postgres')

/** A path on the command line is relative to where the person typed it (npm run moves to the project root). */
export function fromCommandLine(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file)
}

export interface PortalDatabase {
  url: string
  /** Where the database is, for messages: never the URL itself, which may hold a password. */
  label: string
  /** Whether it is the embedded database of a portal that is running right now. */
  running: boolean
  close(): Promise<void>
}

/**
 * The database to work on: `--database-url`, else DATABASE_URL, else the embedded database of
 * `npm start` in .data/postgres (the one it is running, or started here for the time of the
 * command and stopped after it). `create` lets a restore initialise .data/postgres on a new machine.
 */
export async function openPortalDatabase(options: { databaseUrl?: string; create: boolean }): Promise<PortalDatabase> {
  const url = options.databaseUrl || process.env.DATABASE_URL
  if (url) {
    return { url, label: describeUrl(url), running: false, close: async () => {} }
  }
  const label = 'the embedded database in .data/postgres'
  const running = findRunningEmbeddedPostgres(embeddedDir)
  if (running) return { url: running, label: `${label} (portal running)`, running: true, close: async () => {} }
  if (!options.create && !existsSync(path.join(embeddedDir, 'PG_VERSION'))) {
    throw new BackupError(
      'DATABASE_URL is not set and there is no embedded database yet (.data/postgres): set DATABASE_URL, or run `npm start` once.',
    )
  }
  console.error('Starting the embedded PostgreSQL in .data/postgres for this command…')
  const embedded = await startEmbeddedPostgres({ dataDir: embeddedDir })
  return { url: embedded.url, label, running: false, close: () => embedded.stop() }
}

function describeUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new BackupError('The database URL is not a URL: give postgres://user:password@host:port/database.')
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new BackupError(`The database URL must start with postgres://, not ${parsed.protocol}//.`)
  }
  return `database ${decodeURIComponent(parsed.pathname.slice(1)) || '(default)'} on ${parsed.host || 'localhost'}`
}

/** One line saying what went wrong: the message alone, never a stack trace. */
export function describeError(error: unknown): string {
  // pg reports a refused connection to a name with several addresses as an AggregateError without a message.
  const first = error instanceof AggregateError && error.errors.length ? error.errors[0] : error
  const code = (first as { code?: unknown }).code
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return `Could not reach the database (${String(code)}: ${(first as Error).message}). Is PostgreSQL running, and is the URL right?`
  }
  if (code === '28P01') return 'The database refused the user name or password in the URL.'
  if (code === '3D000') return `${(first as Error).message}: create it first (e.g. \`createdb\`), empty.`
  return first instanceof Error ? first.message : String(first)
}

/** The command line itself is wrong: the usage is printed too, and the exit code is 2. */
export class UsageError extends Error {}

/** Runs a command's main, printing failures as one line and setting the exit code. */
export function runCommand(name: string, usage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const code = (error as { code?: unknown }).code
    const isUsage = error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    console.error(`${name}: ${describeError(error)}`)
    if (isUsage) console.error(usage)
    process.exitCode = isUsage ? 2 : 1
  })
}
