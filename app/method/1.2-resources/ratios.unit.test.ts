import { describe, expect, it } from 'vitest'
import { resourceRatios } from './ratios.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'

const item = (kind: string, data: Record<string, unknown>): WorksheetItemView => ({
  id: crypto.randomUUID(),
  plan_id: 'p',
  kind,
  ref: 'X',
  position: 1,
  data,
  version: 1,
  updated_at: '',
})

describe('resource ratios', () => {
  it('computes the worked example ratios', () => {
    const r = resourceRatios(
      [
        item('resource', { resourceType: 'inspectors', quantity: 18, women: 5 }),
        item('resource', { resourceType: 'field_days', quantity: 240 }),
        item('resource', { resourceType: 'vehicles', quantity: 2 }),
      ],
      item('scope_figures', { establishments: 100, workers: 33100, employedPersons: 1_450_000 }),
    )
    expect(r.inspectors).toBe(18)
    expect(r.inspectorsWomen).toBe(5)
    expect(r.establishmentsPerInspector).toBeCloseTo(5.556, 3)
    expect(r.workersPerInspector).toBeCloseTo(1838.9, 1)
    expect(r.inspectorsPer10000Employed).toBeCloseTo(0.124, 3)
    expect(r.fieldDays).toBe(240)
    expect(r.fieldDaysPerInspector).toBeCloseTo(13.33, 2)
  })

  it('reports unknown ratios instead of dividing by zero', () => {
    const r = resourceRatios([], undefined)
    expect(r).toMatchObject({
      inspectors: 0,
      establishmentsPerInspector: null,
      workersPerInspector: null,
      fieldDaysPerInspector: null,
      inspectorsPer10000Employed: null,
    })
  })
})
