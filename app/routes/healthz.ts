import { sql } from 'kysely'
import { getDb } from '../utils/db.server.ts'

const TIMEOUT_MS = 2_000

/** Liveness and database readiness for load balancers and the start script. */
export async function loader() {
  const headers = { 'Cache-Control': 'no-store' }
  try {
    await Promise.race([
      sql`SELECT 1`.execute(getDb()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref()),
    ])
    return Response.json({ status: 'ok', db: 'ok' }, { headers })
  } catch {
    return Response.json({ status: 'error', db: 'unavailable' }, { status: 503, headers })
  }
}
