import { isCountryCode } from '../utils/countries.ts'
import { isStorable, z } from '../utils/validation.ts'

// ILOSTAT's harmonised labour inspection indicators, per country and year.
export const STAT_FIELDS = [
  'inspectors',
  'inspectorsWomen',
  'inspectorsPer10000',
  'visits',
  'visitsPerInspector',
  'registeredWorkplaces',
] as const
// Ranges a country's figures can really take (ADR 033): the largest inspectorates have tens of
// thousands of inspectors and make millions of visits a year; a rate per 10,000 cannot pass 10,000.
export const STAT_LIMITS = {
  inspectors: 1_000_000,
  visits: 1e9,
  registeredWorkplaces: 1e9,
  inspectorsPer10000: 10_000,
  visitsPerInspector: 100_000,
} as const
const count = (max: number) =>
  z.number({ invalid_type_error: 'validation.number' }).int('validation.integer').min(0).max(max).optional()
const rate = (max: number) => z.number({ invalid_type_error: 'validation.number' }).min(0).max(max).optional()

export const statisticsSchema = z
  .object({
    countryCode: z.string().refine(isCountryCode, 'validation.invalidChoice'),
    year: z.number({ invalid_type_error: 'validation.number' }).int('validation.integer').min(1950).max(2100),
    inspectors: count(STAT_LIMITS.inspectors),
    inspectorsWomen: count(STAT_LIMITS.inspectors),
    inspectorsPer10000: rate(STAT_LIMITS.inspectorsPer10000),
    visits: count(STAT_LIMITS.visits),
    visitsPerInspector: rate(STAT_LIMITS.visitsPerInspector),
    registeredWorkplaces: count(STAT_LIMITS.registeredWorkplaces),
    source: z.string().trim().max(300).refine(isStorable, 'validation.invalid').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.inspectorsWomen !== undefined && v.inspectors !== undefined && v.inspectorsWomen > v.inspectors)
      ctx.addIssue({ code: 'custom', path: ['inspectorsWomen'], message: 'validation.womenAboveTotal' })
    if (STAT_FIELDS.every((f) => v[f] === undefined))
      ctx.addIssue({ code: 'custom', path: ['inspectors'], message: 'statistics.errors.noFigure' })
  })
export type StatisticsInput = z.infer<typeof statisticsSchema>

/** Visits per inspector when only visits and inspectors were given. */
export function withDerived(v: StatisticsInput): StatisticsInput {
  if (v.visitsPerInspector === undefined && v.visits !== undefined && v.inspectors)
    return { ...v, visitsPerInspector: Math.round((v.visits / v.inspectors) * 10) / 10 }
  return v
}

export const IMPORT_HEADERS = [
  'country',
  'year',
  'inspectors',
  'inspectors_women',
  'inspectors_per_10000',
  'visits',
  'visits_per_inspector',
  'registered_workplaces',
  'source',
] as const
export type ImportHeader = (typeof IMPORT_HEADERS)[number]

/** The file column each figure is read from, so a row's problems name the column people wrote. */
export const FIELD_COLUMNS: Record<keyof StatisticsInput, ImportHeader> = {
  countryCode: 'country',
  year: 'year',
  inspectors: 'inspectors',
  inspectorsWomen: 'inspectors_women',
  inspectorsPer10000: 'inspectors_per_10000',
  visits: 'visits',
  visitsPerInspector: 'visits_per_inspector',
  registeredWorkplaces: 'registered_workplaces',
  source: 'source',
}

/** A problem of one cell of an imported row: its column and a validation message (a translation key). */
export interface CellError {
  column: ImportHeader | null
  message: string
}
