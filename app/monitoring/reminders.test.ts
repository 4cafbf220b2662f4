import { describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { type PlanStatus } from '#core/vocabulary.ts'
import { getDb } from '../utils/db.server.ts'
import { produceDueReminders } from './reminders.server.ts'

const db = getDb()

async function setup(status: PlanStatus, data: Record<string, unknown>, named = false) {
  const lead = await createUser(db, { name: 'Lea Lead' })
  const plan = await createPlan(db, lead.id, { startDate: '2027-01-01', endDate: '2027-12-31' })
  await db.updateTable('plans').set({ status }).where('id', '=', plan.id).execute()
  const reporter = await createUser(db, { name: 'Rui Reporter' })
  await addMember(db, plan.id, reporter.id, 'coauthor', lead.id)
  const indicator = await ItemRepository.insert(db, {
    planId: plan.id,
    kind: 'indicator',
    refPrefix: 'K',
    data: {
      name: 'Written contracts',
      indicatorType: 'outcome',
      unit: 'percent',
      ...data,
      ...(named ? { responsiblePerson: reporter.id } : {}),
    },
    actorId: lead.id,
  })
  return { lead, plan, reporter, indicator }
}

const remindersOf = (userId: string) =>
  db
    .selectFrom('notifications')
    .select(['dedupe_key', 'params', 'path', 'plan_id'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'measurement_due')
    .orderBy('dedupe_key')
    .execute()

const at = (day: string) => new Date(`${day}T09:00:00Z`)

describe('measurement-due reminders', () => {
  it('reminds the responsible person before a quarterly due date, once however often it runs', async () => {
    const { plan, reporter, lead, indicator } = await setup('implementing', { periodicity: 'quarterly' }, true)
    await produceDueReminders(db, at('2027-03-23'))
    expect(await remindersOf(reporter.id)).toHaveLength(0)
    await produceDueReminders(db, at('2027-03-24'))
    await produceDueReminders(db, at('2027-03-30'))
    const told = await remindersOf(reporter.id)
    expect(told.map((n) => n.dedupe_key)).toEqual([`measurement_due:${indicator.id}:2027-Q1:before`])
    expect(told[0]!.params).toMatchObject({ period: '2027-Q1', dueDate: '2027-03-31', overdue: false })
    expect(told[0]!.path).toBe(`/plans/${plan.id}/monitoring`)
    // The leads are not told when someone is named.
    expect(await remindersOf(lead.id)).toHaveLength(0)
  })

  it('reminds after a monthly due date weekly, up to four times, and a measurement in the period stops it', async () => {
    const { plan, lead, indicator } = await setup('approved', { periodicity: 'monthly', baselineDate: '2027-01-31' })
    // Nobody is named: the leads are reminded.
    for (const day of ['2027-03-01', '2027-03-02', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29'])
      await produceDueReminders(db, at(day))
    const keys = (await remindersOf(lead.id)).map((n) => n.dedupe_key)
    const feb = keys.filter((k) => k!.includes(':2027-02:'))
    expect(feb).toEqual([0, 1, 2, 3].map((w) => `measurement_due:${indicator.id}:2027-02:overdue-${w}`))
    // March: reminded before it was due (from 24 March), then a measurement stops the overdue ones.
    expect(keys).toContain(`measurement_due:${indicator.id}:2027-03:before`)
    await MeasurementRepository.insertMany(db, {
      planId: plan.id,
      actorId: lead.id,
      rows: [
        {
          indicatorId: indicator.id,
          period: '2027-03',
          periodEnd: '2027-03-31',
          value: 41,
          note: null,
          evidenceSource: null,
        },
      ],
    })
    await produceDueReminders(db, at('2027-04-01'))
    await produceDueReminders(db, at('2027-04-08'))
    const march = (await remindersOf(lead.id)).filter((n) => n.dedupe_key!.includes(':2027-03:'))
    expect(march.map((n) => n.dedupe_key)).toEqual([`measurement_due:${indicator.id}:2027-03:before`])
  })

  it('annual: the target date bounds the calendar; a draft plan and a deactivated person are not reminded', async () => {
    const { lead, reporter, indicator } = await setup(
      'implementing',
      { periodicity: 'annual', baselineDate: '2026-06-30', targetDate: '2027-06-30' },
      true,
    )
    await produceDueReminders(db, at('2027-12-28'))
    expect((await remindersOf(reporter.id)).map((n) => n.dedupe_key)).toEqual([
      `measurement_due:${indicator.id}:2027:before`,
    ])
    await produceDueReminders(db, at('2028-12-28'))
    expect(await remindersOf(reporter.id)).toHaveLength(1)
    // Deactivated: the leads take over.
    await UserRepository.updateActive(db, reporter.id, false)
    await produceDueReminders(db, at('2028-01-01'))
    expect((await remindersOf(lead.id)).map((n) => n.dedupe_key)).toEqual([
      `measurement_due:${indicator.id}:2027:overdue-0`,
    ])

    const draft = await setup('draft', { periodicity: 'monthly' })
    await produceDueReminders(db, at('2027-02-01'))
    expect(await remindersOf(draft.lead.id)).toHaveLength(0)
  })
})
