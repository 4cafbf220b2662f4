// The e2e server (server.ts) creates a fresh database on every start; the test workers are other
// processes, and make their own people and plans in it through the factories (playwright-utils.ts).
// The server leaves the database's URL here, next to the embedded database, for them to read.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export const E2E_DATABASE_URL_FILE = path.join(root, '.data/e2e-database-url')

/** The URL of the running e2e server's database; throws when no e2e server has published one. */
export function readE2eDatabaseUrl(): string {
  try {
    return readFileSync(E2E_DATABASE_URL_FILE, 'utf8').trim()
  } catch {
    throw new Error(`no e2e database URL in ${E2E_DATABASE_URL_FILE}: is tests/e2e/server.ts running?`)
  }
}

/**
 * The key the e2e server encrypts TOTP secrets with (TOTP_KEY, ADR 064), known to the factories
 * so that the people they enrol are readable by the server. A test key, for the test server only.
 */
export const E2E_TOTP_KEY = 'e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7e2e7'
