import { describe, expect, it } from 'vitest'
import { activitySpec, indicatorSpec } from '../method/6.2-implementation-chart/worksheet.ts'
import { type PlausibilityContext } from './plausibility.ts'

const ctx: PlausibilityContext = {
  period: { start: '2026-01-01', end: '2027-12-31' },
  decisions: { v1: 'selected', v2: 'deferred', v3: 'not_selected' },
}
const activity = (data: Record<string, unknown>) => activitySpec.plausibility!(data, ctx)
const indicator = (data: Record<string, unknown>) => indicatorSpec.plausibility!(data, ctx)
const keys = (warnings: { field: string; key: string }[]) => warnings.map((w) => `${w.field} ${w.key}`)

describe('activity plausibility', () => {
  it('accepts an activity of a selected intervention within the plan period, first and last day included', () => {
    expect(activity({ intervention: 'v1', startDate: '2026-01-01', endDate: '2027-12-31' })).toEqual([])
  })

  it('flags each date outside the plan period, with the period to show', () => {
    expect(activity({ intervention: 'v1', startDate: '2025-12-31', endDate: '2029-03-01' })).toEqual([
      {
        field: 'startDate',
        key: 'plausibility.outsidePeriod',
        values: { date: '2025-12-31', start: '2026-01-01', end: '2027-12-31' },
      },
      {
        field: 'endDate',
        key: 'plausibility.outsidePeriod',
        values: { date: '2029-03-01', start: '2026-01-01', end: '2027-12-31' },
      },
    ])
  })

  it('flags activities under a deferred or dropped intervention, not under an undecided one', () => {
    const dates = { startDate: '2026-02-01', endDate: '2026-03-01' }
    expect(keys(activity({ intervention: 'v2', ...dates }))).toEqual(['intervention plausibility.interventionDeferred'])
    expect(keys(activity({ intervention: 'v3', ...dates }))).toEqual([
      'intervention plausibility.interventionNotSelected',
    ])
    expect(activity({ intervention: 'v9', ...dates })).toEqual([])
  })

  it('says nothing of empty or malformed dates (the form reports those) nor without a plan period', () => {
    expect(activity({ intervention: 'v1', startDate: '', endDate: '2029-13' })).toEqual([])
    expect(activitySpec.plausibility!({ startDate: '2031-01-01' }, { period: null, decisions: {} })).toEqual([])
  })
})

describe('indicator plausibility', () => {
  it('accepts an indicator with a baseline and a target date in the plan', () => {
    expect(indicator({ baselineValue: 12, baselineDate: '2025-06-30', targetDate: '2027-06-30' })).toEqual([])
  })

  it('asks for a baseline value and date, and a target date, as typed in a form or saved', () => {
    expect(keys(indicator({ baselineValue: '', baselineDate: '', targetDate: '' }))).toEqual([
      'baselineValue plausibility.noBaseline',
      'targetDate plausibility.noTargetDate',
    ])
    expect(keys(indicator({ baselineValue: 0, targetDate: '2027-01-01' }))).toEqual([
      'baselineValue plausibility.noBaseline',
    ])
    expect(keys(indicator({ baselineValue: '4.5', baselineDate: '2025-01-01', targetDate: '2030-01-01' }))).toEqual([
      'targetDate plausibility.outsidePeriod',
    ])
  })
})
