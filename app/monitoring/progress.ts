// Progress of an indicator towards its target, and the rule that classifies it. Isomorphic.

export type ProgressStatus = 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'no_data' | 'no_target'

export interface IndicatorDefinition {
  unit: string
  baselineValue?: number
  baselineDate?: string
  targetValue?: number
  targetDate?: string
}

export interface Measurement {
  period: string
  period_end: string
  value: number
}

export interface IndicatorProgress {
  latest: Measurement | null
  /** Share of the distance from baseline to target covered by the latest value (0–1, may exceed). */
  achieved: number | null
  /** Share of the distance that a straight line from baseline to target expects by the latest date. */
  expected: number | null
  status: ProgressStatus
}

/** The rule, in the words shown to people (translated under monitoring.rule). */
export const AT_RISK_MARGIN = 0.1
export const OFF_TRACK_MARGIN = 0.25

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000

/**
 * On track when the latest value has covered at least the expected share of the way from baseline
 * to target minus 10 points; at risk within 25 points; off track beyond. Works for indicators that
 * must go down as well as up.
 */
export function indicatorProgress(def: IndicatorDefinition, measurements: Measurement[]): IndicatorProgress {
  const sorted = [...measurements].sort((a, b) => a.period_end.localeCompare(b.period_end))
  const latest = sorted.at(-1) ?? null
  const { baselineValue, targetValue, baselineDate, targetDate } = def
  if (typeof baselineValue !== 'number' || typeof targetValue !== 'number' || targetValue === baselineValue) {
    return { latest, achieved: null, expected: null, status: latest ? 'no_target' : 'no_data' }
  }
  if (!latest) return { latest, achieved: null, expected: null, status: 'no_data' }
  const achieved = (latest.value - baselineValue) / (targetValue - baselineValue)
  let expected: number | null = null
  if (baselineDate && targetDate && day(targetDate) > day(baselineDate)) {
    expected = Math.min(
      1,
      Math.max(0, (day(latest.period_end) - day(baselineDate)) / (day(targetDate) - day(baselineDate))),
    )
  }
  if (achieved >= 1) return { latest, achieved, expected, status: 'achieved' }
  const gap = (expected ?? 0) - achieved
  const status: ProgressStatus = gap <= AT_RISK_MARGIN ? 'on_track' : gap <= OFF_TRACK_MARGIN ? 'at_risk' : 'off_track'
  return { latest, achieved, expected, status }
}

/**
 * The values a measurement may take (ADR 033). Wide enough for any labour inspectorate's figures (a
 * national workforce, fines in a currency with large units, a century of days), and small enough
 * that sums over every plan stay exact and far from the limits of a double.
 */
export const MEASUREMENT_LIMIT = 1e12
export const UNIT_LIMITS: Record<string, { min: number; max: number }> = {
  percent: { min: 0, max: 100 },
  count: { min: 0, max: 1e10 },
  ratio: { min: 0, max: 1e6 },
  currency: { min: 0, max: MEASUREMENT_LIMIT },
  days: { min: 0, max: 36_525 },
}

/** Checks a value against the indicator's unit; returns a translation key when it does not fit. */
export function unitProblem(unit: string, value: number): string | null {
  if (!Number.isFinite(value)) return 'monitoring.errors.notNumber'
  if (Math.abs(value) > MEASUREMENT_LIMIT) return `monitoring.errors.outOfRange|${MEASUREMENT_LIMIT}`
  switch (unit) {
    case 'percent':
      return value < 0 || value > 100 ? 'monitoring.errors.percent' : null
    case 'count':
      if (value < 0 || !Number.isInteger(value)) return 'monitoring.errors.count'
      break
    case 'ratio':
    case 'currency':
    case 'days':
      if (value < 0) return 'monitoring.errors.negative'
      break
    default:
      return null
  }
  const max = UNIT_LIMITS[unit]!.max
  return value > max ? `monitoring.errors.tooBig|${max}` : null
}
