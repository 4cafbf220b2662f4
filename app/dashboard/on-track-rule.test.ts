import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { indicatorProgress } from '../monitoring/progress.ts'
import { getDb } from '../utils/db.server.ts'

// The dashboard classifies indicators in SQL (scp_indicator_on_track, kept with the plan summaries),
// the monitoring page in TypeScript (indicatorProgress): both must always agree.
const db = getDb()

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31
    return s / 2 ** 31
  }
}

const DATES = [
  '2024-01-01',
  '2025-06-30',
  '2025-12-31',
  '2026-02-31',
  '2026-06-30',
  '2027-12-31',
  '',
  'not a date',
  '2026-13-01',
]

describe('the on-track rule in SQL', () => {
  it('agrees with indicatorProgress on 2,000 generated indicators, edges included', async () => {
    const next = random(42)
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
    const value = () => pick([null, 0, 30, 60, Math.round(next() * 1000) / 10, -5])
    const cases = Array.from({ length: 2_000 }, () => ({
      baseline: value(),
      target: value(),
      baselineDate: pick(DATES),
      targetDate: pick(DATES),
      latest: next() < 0.15 ? null : Math.round(next() * 1000) / 10,
      latestEnd: pick(DATES.slice(0, 6).filter((d) => d !== '2026-02-31')),
    }))
    // Exact boundaries of the 10-point margin and of "achieved".
    cases.push(
      {
        baseline: 0,
        target: 100,
        baselineDate: '2026-01-01',
        targetDate: '2026-01-11',
        latest: 90,
        latestEnd: '2026-01-11',
      },
      {
        baseline: 0,
        target: 100,
        baselineDate: '2026-01-01',
        targetDate: '2026-01-11',
        latest: 100,
        latestEnd: '2026-01-02',
      },
      {
        baseline: 50,
        target: 20,
        baselineDate: '2026-01-01',
        targetDate: '2026-12-31',
        latest: 35,
        latestEnd: '2026-07-02',
      },
    )
    const { rows } = await sql<{ on_track: boolean }>`
      SELECT scp_indicator_on_track(c.baseline, c.target, c.baseline_date, c.target_date, c.latest, c.latest_end::date) AS on_track
      FROM unnest(${cases.map((c) => c.baseline)}::float8[], ${cases.map((c) => c.target)}::float8[], ${cases.map((c) => c.baselineDate)}::text[],
        ${cases.map((c) => c.targetDate)}::text[], ${cases.map((c) => c.latest)}::float8[], ${cases.map((c) => c.latestEnd)}::text[])
        WITH ORDINALITY AS c(baseline, target, baseline_date, target_date, latest, latest_end, n)
      ORDER BY c.n`.execute(db)
    const expected = cases.map((c) => {
      const status = indicatorProgress(
        {
          unit: 'percent',
          baselineValue: c.baseline ?? undefined,
          targetValue: c.target ?? undefined,
          baselineDate: c.baselineDate,
          targetDate: c.targetDate,
        },
        c.latest === null ? [] : [{ period: 'P', period_end: c.latestEnd, value: c.latest }],
      ).status
      return status === 'on_track' || status === 'achieved'
    })
    expect(rows.map((r) => r.on_track)).toEqual(expected)
    // The generated set exercises both outcomes.
    expect(expected.filter(Boolean).length).toBeGreaterThan(100)
    expect(expected.filter((x) => !x).length).toBeGreaterThan(100)
  })
})
