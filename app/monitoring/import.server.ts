import { type NewMeasurement } from '#db/repositories/measurements.ts'
import { MAX_TABLE_ROWS, MAX_UPLOAD_BYTES } from '../uploads/limits.ts'
import { normalisePeriod, periodEnd } from './periods.ts'
import { unitProblem } from './progress.ts'
import { IMPORT_COLUMNS } from './import-columns.ts'

export const MAX_IMPORT_BYTES = MAX_UPLOAD_BYTES
export const MAX_IMPORT_ROWS = MAX_TABLE_ROWS

export interface IndicatorRef {
  id: string
  ref: string
  unit: string
}

export interface PreviewRow {
  line: number
  indicator: string
  period: string
  value: string
  note: string
  evidenceSource: string
  errors: string[]
}

export type ParseResult = { ok: true; rows: PreviewRow[] } | { ok: false; error: string }

/** Checks the header and every row; nothing is saved here. */
export function validateTable(table: string[][], indicators: IndicatorRef[], existing: Set<string>): ParseResult {
  const [header, ...body] = table
  const columns = (header ?? []).map((h) => h.trim().toLowerCase())
  const missing = ['indicator', 'period', 'value'].filter((c) => !columns.includes(c))
  const unknown = columns.filter((c) => c !== '' && !(IMPORT_COLUMNS as readonly string[]).includes(c))
  if (missing.length || unknown.length) return { ok: false, error: 'monitoring.import.wrongColumns' }
  if (body.length === 0) return { ok: false, error: 'monitoring.import.empty' }
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, error: 'monitoring.import.tooManyRows' }
  const at = (row: string[], column: string) => (row[columns.indexOf(column)] ?? '').trim()
  const byRef = new Map(indicators.map((i) => [i.ref.toUpperCase(), i]))
  const seen = new Set<string>()
  const rows = body.map((row, index) => {
    const preview: PreviewRow = {
      line: index + 2,
      indicator: at(row, 'indicator'),
      period: at(row, 'period'),
      value: at(row, 'value'),
      note: at(row, 'note').slice(0, 2000),
      evidenceSource: at(row, 'evidence_source').slice(0, 500),
      errors: [],
    }
    preview.errors = rowErrors(preview, byRef, existing, seen)
    return preview
  })
  return { ok: true, rows }
}

function rowErrors(
  row: PreviewRow,
  byRef: Map<string, IndicatorRef>,
  existing: Set<string>,
  seen: Set<string>,
): string[] {
  const errors: string[] = []
  const indicator = byRef.get(row.indicator.toUpperCase())
  if (!indicator) errors.push('monitoring.errors.unknownIndicator')
  const end = periodEnd(row.period)
  if (!end) errors.push('monitoring.errors.period')
  const value = Number(row.value.replace(/\s/g, '').replace(',', '.'))
  if (row.value === '' || Number.isNaN(value)) errors.push('monitoring.errors.notNumber')
  else if (indicator) {
    const problem = unitProblem(indicator.unit, value)
    if (problem) errors.push(problem)
  }
  if (indicator && end) {
    const key = `${indicator.id}|${normalisePeriod(row.period)}`
    if (existing.has(key)) errors.push('monitoring.errors.alreadyRecorded')
    else if (seen.has(key)) errors.push('monitoring.errors.duplicateInFile')
    seen.add(key)
  }
  return errors
}

/** The rows ready to insert, if every row is valid. */
export function toMeasurements(rows: PreviewRow[], indicators: IndicatorRef[]): NewMeasurement[] {
  const byRef = new Map(indicators.map((i) => [i.ref.toUpperCase(), i]))
  return rows.map((r) => ({
    indicatorId: byRef.get(r.indicator.toUpperCase())!.id,
    period: normalisePeriod(r.period),
    periodEnd: periodEnd(r.period)!,
    value: Number(r.value.replace(/\s/g, '').replace(',', '.')),
    note: r.note || null,
    evidenceSource: r.evidenceSource || null,
  }))
}
