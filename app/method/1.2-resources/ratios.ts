import { type WorksheetItemView } from '../../worksheets/types.ts'

export interface ResourceRatios {
  inspectors: number
  inspectorsWomen: number | null
  fieldDays: number
  establishmentsPerInspector: number | null
  workersPerInspector: number | null
  inspectorsPer10000Employed: number | null
  fieldDaysPerInspector: number | null
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/** The derived ratios of 1.2, from the resource inventory and the scope figures. */
export function resourceRatios(resources: WorksheetItemView[], scope: WorksheetItemView | undefined): ResourceRatios {
  const inspectorRows = resources.filter((r) => r.data.resourceType === 'inspectors')
  const inspectors = inspectorRows.reduce((sum, r) => sum + num(r.data.quantity), 0)
  const womenKnown = inspectorRows.some((r) => typeof r.data.women === 'number')
  const fieldDays = resources
    .filter((r) => r.data.resourceType === 'field_days')
    .reduce((sum, r) => sum + num(r.data.quantity), 0)
  const per = (total: unknown) => (inspectors > 0 && typeof total === 'number' && total > 0 ? total / inspectors : null)
  const employed = scope?.data.employedPersons
  return {
    inspectors,
    inspectorsWomen: womenKnown ? inspectorRows.reduce((sum, r) => sum + num(r.data.women), 0) : null,
    fieldDays,
    establishmentsPerInspector: per(scope?.data.establishments),
    workersPerInspector: per(scope?.data.workers),
    inspectorsPer10000Employed: typeof employed === 'number' && employed > 0 ? (inspectors / employed) * 10_000 : null,
    fieldDaysPerInspector: inspectors > 0 && fieldDays > 0 ? fieldDays / inspectors : null,
  }
}
