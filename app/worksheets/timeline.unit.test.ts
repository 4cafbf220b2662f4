import { describe, expect, it } from 'vitest'
import { activitySpan, horizonQuarters, quarterDates, quarterOf } from './timeline.ts'

describe('chart quarters', () => {
  it('gives 8 quarters for a 2026–2027 horizon', () => {
    const q = horizonQuarters('2026-01-01', '2027-12-31')
    expect(q.map((x) => x.key)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
      '2027-Q4',
    ])
    expect(q[4]).toMatchObject({ year: 2027, quarter: 1, start: '2027-01-01', end: '2027-03-31' })
  })

  it('covers partial quarters at both ends of the horizon', () => {
    expect(horizonQuarters('2026-02-15', '2026-07-01').map((x) => x.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3'])
    expect(horizonQuarters('2027-01-01', '2026-01-01')).toEqual([])
  })

  it('spans activities that cross a year boundary', () => {
    const q = horizonQuarters('2026-01-01', '2027-12-31')
    expect(activitySpan('2026-11-15', '2027-02-10', q)).toEqual({
      first: 3,
      last: 4,
      startsBefore: false,
      endsAfter: false,
    })
    expect(activitySpan('2026-07-01', '2027-12-31', q)).toMatchObject({ first: 2, last: 7 })
    expect(activitySpan('2026-03-31', '2026-04-01', q)).toMatchObject({ first: 0, last: 1 })
  })

  it('clips activities to the horizon and drops those outside it', () => {
    const q = horizonQuarters('2026-01-01', '2027-12-31')
    expect(activitySpan('2025-10-01', '2026-05-01', q)).toEqual({
      first: 0,
      last: 1,
      startsBefore: true,
      endsAfter: false,
    })
    expect(activitySpan('2027-12-01', '2028-03-01', q)).toEqual({
      first: 7,
      last: 7,
      startsBefore: false,
      endsAfter: true,
    })
    expect(activitySpan('2028-01-01', '2028-03-01', q)).toBeNull()
    expect(activitySpan('2026-05-01', '2026-04-01', q)).toBeNull()
  })

  it('turns quarter keys into dates and back', () => {
    expect(quarterDates('2026-Q3')).toEqual({ start: '2026-07-01', end: '2026-09-30' })
    expect(quarterOf('2027-12-31').key).toBe('2027-Q4')
    expect(() => quarterDates('2026-Q5')).toThrow()
  })
})
