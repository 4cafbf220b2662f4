import { type Executor } from '#db/executor.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type DemoIds } from './demo.ts'

/** The palm oil plan's first monitoring entries (scp-method.md §4.6, Q2 2026). */
export async function seedMonitoring(db: Executor, ids: DemoIds) {
  const palm = ids.plans['palm-oil']!
  const planner = ids.users['planner@demo.example']!
  const indicators = new Map((await ItemRepository.findByKind(db, palm, 'indicator')).map((i) => [i.ref, i]))
  const k6 = indicators.get('K6')
  if (k6)
    await ItemRepository.update(db, {
      planId: palm,
      id: k6.id,
      expectedVersion: k6.version,
      data: { ...k6.data, countsWorkersReached: true },
      actorId: planner,
    })
  const rows = [
    {
      ref: 'K4',
      period: '2026-Q2',
      periodEnd: '2026-06-30',
      value: 14,
      note: 'Q2 only',
      evidenceSource: 'Inspection records',
    },
    {
      ref: 'K5',
      period: '2026-Q2',
      periodEnd: '2026-06-30',
      value: 4,
      note: 'First joint inspections under the MoU',
      evidenceSource: 'Joint reports',
    },
    {
      ref: 'K6',
      period: '2026-Q2',
      periodEnd: '2026-06-30',
      value: 3100,
      note: 'Radio campaign and 18 shop-steward briefings',
      evidenceSource: 'Union and radio logs',
    },
    {
      ref: 'K1',
      period: '2026-Q2',
      periodEnd: '2026-06-30',
      value: 41,
      note: 'Union survey, 8 estates',
      evidenceSource: 'Union survey of harvesters',
    },
  ].filter((r) => indicators.has(r.ref))
  await MeasurementRepository.insertMany(db, {
    planId: palm,
    actorId: planner,
    rows: rows.map((r) => ({
      indicatorId: indicators.get(r.ref)!.id,
      period: r.period,
      periodEnd: r.periodEnd,
      value: r.value,
      note: r.note,
      evidenceSource: r.evidenceSource,
    })),
  })
  await ItemRepository.insert(db, {
    planId: palm,
    kind: 'risk_note',
    refPrefix: 'RN',
    data: {
      note: '2 estates refused union observers',
      severity: 'medium',
      period: '2026-Q2',
      response: 'Escalate per ladder rung 2 (compliance order)',
    },
    actorId: planner,
  })
}
