import { describe, expect, it } from 'vitest'
import { dueReminders, reminderPhase, reportingPeriods } from './due-dates.ts'

const ends = (p: { end: string }[]) => p.map((x) => x.end)

describe('reporting periods', () => {
  it('monthly: every calendar month that ends after the start and begins by the end, leap February included', () => {
    const periods = reportingPeriods('monthly', '2028-01-15', '2028-04-10')
    expect(periods.map((p) => p.period)).toEqual(['2028-01', '2028-02', '2028-03', '2028-04'])
    expect(ends(periods)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30'])
    expect(periods[1]!.start).toBe('2028-02-01')
  })

  it('quarterly: the quarter ending on the baseline day itself was the baseline', () => {
    expect(reportingPeriods('quarterly', '2027-03-31', '2027-12-31').map((p) => [p.period, p.end])).toEqual([
      ['2027-Q2', '2027-06-30'],
      ['2027-Q3', '2027-09-30'],
      ['2027-Q4', '2027-12-31'],
    ])
    expect(ends(reportingPeriods('quarterly', '2027-02-01', '2027-04-01'))).toEqual(['2027-03-31', '2027-06-30'])
  })

  it('half-yearly and annual', () => {
    expect(reportingPeriods('semiannual', '2027-01-01', '2027-12-31').map((p) => p.period)).toEqual([
      '2027-H1',
      '2027-H2',
    ])
    expect(reportingPeriods('annual', '2026-06-30', '2028-06-30').map((p) => [p.period, p.end])).toEqual([
      ['2026', '2026-12-31'],
      ['2027', '2027-12-31'],
      ['2028', '2028-12-31'],
    ])
  })

  it('nothing for reversed or unreadable dates', () => {
    expect(reportingPeriods('monthly', '2027-05-01', '2027-01-01')).toEqual([])
    expect(reportingPeriods('monthly', 'soon', '2027-01-01')).toEqual([])
  })
})

describe('reminder windows', () => {
  it('before: from 7 days ahead to the due date; overdue: the day after, then weekly for four weeks', () => {
    const due = '2027-03-31'
    expect(reminderPhase(due, '2027-03-23')).toBeNull()
    expect(reminderPhase(due, '2027-03-24')).toBe('before')
    expect(reminderPhase(due, '2027-03-31')).toBe('before')
    expect(reminderPhase(due, '2027-04-01')).toBe('overdue-0')
    expect(reminderPhase(due, '2027-04-07')).toBe('overdue-0')
    expect(reminderPhase(due, '2027-04-08')).toBe('overdue-1')
    expect(reminderPhase(due, '2027-04-28')).toBe('overdue-3')
    expect(reminderPhase(due, '2027-04-29')).toBeNull()
  })

  it('owes nothing for a period that has a measurement ending within it', () => {
    const base = { periodicity: 'quarterly' as const, from: '2027-01-01', to: '2027-12-31', today: '2027-04-02' }
    expect(dueReminders({ ...base, measuredEnds: [] }).map((r) => [r.period.period, r.phase])).toEqual([
      ['2027-Q1', 'overdue-0'],
    ])
    expect(dueReminders({ ...base, measuredEnds: ['2027-03-31'] })).toEqual([])
    // A monthly measurement in the quarter reports it too; one of the quarter before does not.
    expect(dueReminders({ ...base, measuredEnds: ['2027-02-28'] })).toEqual([])
    expect(dueReminders({ ...base, measuredEnds: ['2026-12-31'] })).toHaveLength(1)
  })

  it('monthly near a month end owes the overdue one and the coming one at once', () => {
    const owed = dueReminders({
      periodicity: 'monthly',
      from: '2027-01-01',
      to: '2027-12-31',
      measuredEnds: [],
      today: '2027-05-25',
    })
    expect(owed.map((r) => [r.period.period, r.phase])).toEqual([
      ['2027-04', 'overdue-3'],
      ['2027-05', 'before'],
    ])
  })
})
