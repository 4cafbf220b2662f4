// For tests of live plan events: a way to know that the web process's LISTEN connection has heard
// everything notified so far, instead of waiting a fixed time and hoping.
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { expect } from 'vitest'
import { type Db } from '#db/client.ts'
import { PLAN_CHANGES_CHANNEL, planEventsReady, subscribeToPlanChanges } from '#app/utils/plan-events.server.ts'

/**
 * Resolves once the plan-events hub has heard every notification committed before the call: a
 * connection receives notifications in commit order, so hearing a marker sent now means the
 * earlier ones have arrived.
 */
export async function planEventsCaughtUp(db: Db): Promise<void> {
  const marker = randomUUID()
  let heard = false
  const off = subscribeToPlanChanges(marker, () => (heard = true))
  await planEventsReady()
  await sql`SELECT pg_notify(${PLAN_CHANGES_CHANNEL}, ${marker})`.execute(db)
  await expect.poll(() => heard, { timeout: 5_000 }).toBe(true)
  off()
}
