import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { planEventsCaughtUp } from '#tests/plan-events.ts'
import { getDb } from './db.server.ts'
import {
  PLAN_CHANGES_CHANNEL,
  planEventsReady,
  stopPlanEvents,
  subscribeToPlanChanges,
  USER_NOTIFICATIONS_CHANNEL,
} from './plan-events.server.ts'

const db = getDb()
let listener: pg.Client
const heard: string[] = []

beforeAll(async () => {
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await listener.connect()
  listener.on('notification', (m) => m.channel === PLAN_CHANGES_CHANNEL && heard.push(m.payload ?? ''))
  await listener.query(`LISTEN ${PLAN_CHANGES_CHANNEL}`)
  await listener.query('SELECT 1') // so that the kill below, which matches the last query, spares it
})
afterAll(async () => {
  await listener.end()
  await stopPlanEvents()
})

async function heardFor(planId: string, action: () => Promise<unknown>): Promise<number> {
  // Let notifications of earlier statements arrive first.
  await listener.query('SELECT 1')
  heard.length = 0
  await action()
  // Notifications arrive in commit order: once a sentinel sent after the action is heard, every
  // notification of the action has been too (a fixed 150 ms wait was slower, and not a guarantee).
  const sentinel = randomUUID()
  await sql`SELECT pg_notify(${PLAN_CHANGES_CHANNEL}, ${sentinel})`.execute(db)
  await expect.poll(() => heard.includes(sentinel), { timeout: 5_000 }).toBe(true)
  return heard.filter((p) => p === planId).length
}

async function planWithItem() {
  const lead = await createUser(db)
  const plan = await createPlan(db, lead.id)
  const item = await db
    .insertInto('worksheet_items')
    .values({
      plan_id: plan.id,
      kind: 'mandate',
      ref: 'M1',
      position: 1,
      data: '{}',
      created_by: lead.id,
      updated_by: lead.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { lead, plan, item }
}

describe('the plan change trigger', () => {
  it('notifies scp_plan_changes with the plan id for worksheet records, scores, comments, team and plan details', async () => {
    const { lead, plan, item } = await planWithItem()
    const other = await createUser(db)
    expect(
      await heardFor(plan.id, () =>
        db.updateTable('worksheet_items').set({ data: '{"a":1}' }).where('id', '=', item.id).execute(),
      ),
    ).toBe(1)
    expect(
      await heardFor(plan.id, () =>
        db
          .insertInto('scores')
          .values({ plan_id: plan.id, subject_id: item.id, criterion: 'severity', scorer_id: lead.id, value: 3 })
          .execute(),
      ),
    ).toBe(1)
    expect(
      await heardFor(plan.id, () =>
        db
          .insertInto('comments')
          .values({
            plan_id: plan.id,
            subject_type: 'plan',
            subject_id: plan.id,
            author_id: lead.id,
            body: 'Looks good',
          })
          .execute(),
      ),
    ).toBe(1)
    expect(await heardFor(plan.id, () => addMember(db, plan.id, other.id, 'viewer', lead.id))).toBeGreaterThanOrEqual(1)
    expect(await heardFor(plan.id, () => db.deleteFrom('plan_members').where('user_id', '=', other.id).execute())).toBe(
      1,
    )
    expect(
      await heardFor(plan.id, () =>
        db.updateTable('plans').set({ title: 'Renamed' }).where('id', '=', plan.id).execute(),
      ),
    ).toBe(1)
    expect(await heardFor(plan.id, () => db.deleteFrom('worksheet_items').where('id', '=', item.id).execute())).toBe(1)
  })

  it('sends one notification for a transaction that changes many rows of a plan', async () => {
    const { plan } = await planWithItem()
    expect(
      await heardFor(plan.id, () =>
        db.updateTable('worksheet_items').set({ position: 2 }).where('plan_id', '=', plan.id).execute(),
      ),
    ).toBe(1)
  })
})

describe('subscribeToPlanChanges', () => {
  it('calls the subscribers of the changed plan only, until they unsubscribe', async () => {
    const a = await planWithItem()
    const b = await planWithItem()
    const calls = { a: 0, b: 0 }
    const offA = subscribeToPlanChanges(a.plan.id, () => calls.a++)
    const offB = subscribeToPlanChanges(b.plan.id, () => calls.b++)
    // A plan's own creation can reach a hub an earlier test started after the subscription above:
    // count only what comes after everything already sent.
    await planEventsCaughtUp(db)
    Object.assign(calls, { a: 0, b: 0 })
    await db.updateTable('plans').set({ title: 'A changed' }).where('id', '=', a.plan.id).execute()
    await expect.poll(() => calls.a, { timeout: 1_000 }).toBe(1)
    expect(calls.b).toBe(0)
    offA()
    await db.updateTable('plans').set({ title: 'A again' }).where('id', '=', a.plan.id).execute()
    await db.updateTable('plans').set({ title: 'B changed' }).where('id', '=', b.plan.id).execute()
    await expect.poll(() => calls.b, { timeout: 1_000 }).toBe(1)
    expect(calls.a).toBe(1)
    offB()
  })

  it('reconnects when its connection is killed and tells every subscriber to reload', async () => {
    const { plan } = await planWithItem()
    let calls = 0
    const off = subscribeToPlanChanges(plan.id, () => calls++)
    await planEventsReady()
    // (A connection's last query is its last LISTEN: the hub listens on both channels.)
    const LISTENS = [PLAN_CHANGES_CHANNEL, USER_NOTIFICATIONS_CHANNEL].map((channel) => `LISTEN ${channel}`)
    // Terminates the hub's LISTEN connection (and only it), the way a database restart would; only
    // in this file's database, or it would also cut the hub of a file another worker runs.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND query = ANY(${LISTENS}) AND pid <> pg_backend_pid()`.execute(db)
    await expect.poll(() => calls, { timeout: 3_000 }).toBeGreaterThanOrEqual(1)
    const before = calls
    await db.updateTable('plans').set({ title: 'After reconnect' }).where('id', '=', plan.id).execute()
    await expect.poll(() => calls, { timeout: 2_000 }).toBe(before + 1)
    off()
  })
})
