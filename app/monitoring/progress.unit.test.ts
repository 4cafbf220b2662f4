import { describe, expect, it } from 'vitest'
import { periodEnd } from './periods.ts'
import { indicatorProgress, unitProblem } from './progress.ts'

describe('periodEnd', () => {
  it.each([
    ['2026', '2026-12-31'],
    ['2026-h1', '2026-06-30'],
    ['2026-H2', '2026-12-31'],
    ['2026-Q1', '2026-03-31'],
    ['2028-Q1', '2028-03-31'],
    ['2026-Q2', '2026-06-30'],
    ['2024-02', '2024-02-29'],
    ['2026-11-15', '2026-11-15'],
  ])('reads %s as ending %s', (period, end) => expect(periodEnd(period)).toBe(end))

  it.each(['2026-Q5', '2026-13', '2026-02-30', 'Q2 2026', '', 'next year'])('refuses %s', (period) =>
    expect(periodEnd(period)).toBeNull(),
  )
})

describe('indicatorProgress', () => {
  // K1 of the worked example: 38 % on 2025-11-30 → 60 % by 2027-12-31.
  const k1 = {
    unit: 'percent',
    baselineValue: 38,
    baselineDate: '2025-11-30',
    targetValue: 60,
    targetDate: '2027-12-31',
  }

  it('is on track when the value keeps up with the straight line to the target', () => {
    const p = indicatorProgress(k1, [{ period: '2026-Q4', period_end: '2026-12-31', value: 50 }])
    expect(p.expected).toBeCloseTo(396 / 761, 3)
    expect(p.achieved).toBeCloseTo(12 / 22, 5)
    expect(p.status).toBe('on_track')
  })

  it('is at risk within 25 points behind, off track beyond', () => {
    expect(indicatorProgress(k1, [{ period: '2026-Q4', period_end: '2026-12-31', value: 44 }]).status).toBe('at_risk')
    expect(indicatorProgress(k1, [{ period: '2026-Q4', period_end: '2026-12-31', value: 38 }]).status).toBe('off_track')
  })

  it('uses the latest measurement whatever the order they were entered in', () => {
    const p = indicatorProgress(k1, [
      { period: '2027-Q4', period_end: '2027-12-31', value: 61 },
      { period: '2026-Q2', period_end: '2026-06-30', value: 40 },
    ])
    expect(p.latest?.period).toBe('2027-Q4')
    expect(p.status).toBe('achieved')
  })

  it('handles indicators that must go down', () => {
    const down = {
      unit: 'percent',
      baselineValue: 40,
      baselineDate: '2026-01-01',
      targetValue: 10,
      targetDate: '2027-01-01',
    }
    expect(indicatorProgress(down, [{ period: '2026-H2', period_end: '2026-12-31', value: 12 }]).status).toBe(
      'on_track',
    )
    expect(indicatorProgress(down, [{ period: '2026-H2', period_end: '2026-12-31', value: 39 }]).status).toBe(
      'off_track',
    )
  })

  it('says when there is no data or no target', () => {
    expect(indicatorProgress(k1, []).status).toBe('no_data')
    expect(indicatorProgress({ unit: 'count' }, [{ period: '2026', period_end: '2026-12-31', value: 3 }]).status).toBe(
      'no_target',
    )
  })
})

describe('unitProblem', () => {
  it('checks values against the unit', () => {
    expect(unitProblem('percent', 101)).toBe('monitoring.errors.percent')
    expect(unitProblem('percent', 55.5)).toBeNull()
    expect(unitProblem('count', 3.5)).toBe('monitoring.errors.count')
    expect(unitProblem('count', -1)).toBe('monitoring.errors.count')
    expect(unitProblem('currency', -5)).toBe('monitoring.errors.negative')
    expect(unitProblem('other', -5)).toBeNull()
  })
})
