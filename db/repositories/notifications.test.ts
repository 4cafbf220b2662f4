import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { createDb } from '../client.ts'
import * as NotificationRepository from './notifications.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

describe('adding notifications', () => {
  it('tells nobody about their own action and adds a deduplicated row once per person', async () => {
    const actor = await createUser(db)
    const other = await createUser(db)
    const plan = await createPlan(db, actor.id)
    const params = {
      planTitle: plan.title,
      indicator: 'Inspections',
      ref: 'K1',
      period: '2026-Q1',
      dueDate: '2026-03-31',
      overdue: false,
      responsible: true,
    }
    const row = { kind: 'measurement_due', planId: plan.id, path: `/plans/${plan.id}/monitoring`, params } as const
    const first = await NotificationRepository.insertMany(db, [
      { ...row, userId: actor.id, actorId: actor.id },
      { ...row, userId: other.id, actorId: actor.id, dedupeKey: 'due:1' },
    ])
    const again = await NotificationRepository.insertMany(db, [{ ...row, userId: other.id, dedupeKey: 'due:1' }])
    expect(first).toHaveLength(1)
    expect(again).toEqual([])
    const rows = await db
      .selectFrom('notifications')
      .select(['user_id', 'email_state'])
      .where('plan_id', '=', plan.id)
      .execute()
    expect(rows).toEqual([{ user_id: other.id, email_state: 'pending' }])
  })

  it('announces whose notifications changed at commit, once per person', async () => {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await listener.connect()
    const heard: string[] = []
    listener.on('notification', (n) => heard.push(n.payload ?? ''))
    await listener.query('LISTEN scp_user_notifications')
    const lead = await createUser(db)
    const reader = await createUser(db)
    const plan = await createPlan(db, lead.id)
    const path = `/plans/${plan.id}`
    const base = { planTitle: plan.title, actorName: null }
    await NotificationRepository.insertMany(db, [
      { userId: reader.id, kind: 'plan_approved', planId: plan.id, path, params: { ...base, version: 1 } },
      { userId: reader.id, kind: 'plan_submitted', planId: plan.id, path, params: { ...base, submission: 1 } },
    ])
    await expect.poll(() => heard).toEqual([reader.id])
    await listener.end()
  })
})
