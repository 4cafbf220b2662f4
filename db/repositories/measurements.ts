import { withTransaction, type Executor } from '../executor.ts'
import * as ActivityRepository from './activity.ts'

export interface NewMeasurement {
  indicatorId: string
  period: string
  periodEnd: string
  value: number
  note: string | null
  evidenceSource: string | null
}

/** Every measurement of a plan, oldest period first. */
export function findByPlan(db: Executor, planId: string) {
  return db
    .selectFrom('measurements')
    .leftJoin('users', 'users.id', 'measurements.recorded_by')
    .select([
      'measurements.id',
      'measurements.indicator_id',
      'measurements.period',
      'measurements.period_end',
      'measurements.value',
      'measurements.note',
      'measurements.evidence_source',
      'measurements.created_at',
      'users.name as recorded_by_name',
    ])
    .where('measurements.plan_id', '=', planId)
    .orderBy('measurements.period_end')
    .execute()
}

/** The (indicator, period) pairs already recorded on a plan, as `indicatorId|PERIOD`. */
export async function findExistingKeys(db: Executor, planId: string) {
  const rows = await db
    .selectFrom('measurements')
    .select(['indicator_id', 'period'])
    .where('plan_id', '=', planId)
    .execute()
  return new Set(rows.map((r) => `${r.indicator_id}|${r.period}`))
}

/** Inserts all measurements or none (a duplicate period fails the whole batch). */
export function insertMany(db: Executor, input: { planId: string; actorId: string; rows: NewMeasurement[] }) {
  return withTransaction(db, async (trx) => {
    if (input.rows.length === 0) return 0
    await trx
      .insertInto('measurements')
      .values(
        input.rows.map((r) => ({
          plan_id: input.planId,
          indicator_id: r.indicatorId,
          period: r.period,
          period_end: r.periodEnd,
          value: r.value,
          note: r.note,
          evidence_source: r.evidenceSource,
          recorded_by: input.actorId,
        })),
      )
      .execute()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: input.rows.length === 1 ? 'recorded' : 'imported',
      entityType: 'measurement',
      newValue: input.rows.length === 1 ? input.rows[0] : { count: input.rows.length },
    })
    return input.rows.length
  })
}

/** Deletes one measurement of this plan; false when there was none. */
export function deleteById(db: Executor, input: { planId: string; id: string; actorId: string }) {
  return withTransaction(db, async (trx) => {
    const before = await trx
      .deleteFrom('measurements')
      .where('plan_id', '=', input.planId)
      .where('id', '=', input.id)
      .returning(['indicator_id', 'period', 'value'])
      .executeTakeFirst()
    if (!before) return false
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'deleted',
      entityType: 'measurement',
      entityId: input.id,
      oldValue: before,
    })
    return true
  })
}
