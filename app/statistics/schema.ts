import { isCountryCode } from '../utils/countries.ts'
import { isStorable, z } from '../utils/validation.ts'

// ILOSTAT's harmonised labour inspection indicators, per country and year.
export const STAT_FIELDS = ['inspectors', 'inspectorsWomen', 'inspectorsPer10000', 'visits', 'visitsPerInspector', 'registeredWorkplaces'] as const
const count = z.number({ invalid_type_error: 'validation.number' }).int('validation.integer').min(0).max(1e9).optional()
const rate = z.number({ invalid_type_error: 'validation.number' }).min(0).max(1e6).optional()

export const statisticsSchema = z
  .object({
    countryCode: z.string().refine(isCountryCode, 'validation.invalidChoice'),
    year: z.number({ invalid_type_error: 'validation.number' }).int('validation.integer').min(1950).max(2100),
    inspectors: count,
    inspectorsWomen: count,
    inspectorsPer10000: rate,
    visits: count,
    visitsPerInspector: rate,
    registeredWorkplaces: count,
    source: z.string().trim().max(300).refine(isStorable, 'validation.invalid').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.inspectorsWomen !== undefined && v.inspectors !== undefined && v.inspectorsWomen > v.inspectors) ctx.addIssue({ code: 'custom', path: ['inspectorsWomen'], message: 'validation.womenAboveTotal' })
    if (STAT_FIELDS.every((f) => v[f] === undefined)) ctx.addIssue({ code: 'custom', path: ['inspectors'], message: 'statistics.errors.noFigure' })
  })
export type StatisticsInput = z.infer<typeof statisticsSchema>

/** Visits per inspector when only visits and inspectors were given. */
export function withDerived(v: StatisticsInput): StatisticsInput {
  if (v.visitsPerInspector === undefined && v.visits !== undefined && v.inspectors) return { ...v, visitsPerInspector: Math.round((v.visits / v.inspectors) * 10) / 10 }
  return v
}

export const IMPORT_HEADERS = ['country', 'year', 'inspectors', 'inspectors_women', 'inspectors_per_10000', 'visits', 'visits_per_inspector', 'registered_workplaces', 'source'] as const
