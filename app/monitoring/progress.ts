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
    expected = Math.min(1, Math.max(0, (day(latest.period_end) - day(baselineDate)) / (day(targetDate) - day(baselineDate))))
  }
  if (achieved >= 1) return { latest, achieved, expected, status: 'achieved' }
  const gap = (expected ?? 0) - achieved
  const status: ProgressStatus = gap <= AT_RISK_MARGIN ? 'on_track' : gap <= OFF_TRACK_MARGIN ? 'at_risk' : 'off_track'
  return { latest, achieved, expected, status }
}

/** Checks a value against the indicator's unit; returns a translation key when it does not fit. */
export function unitProblem(unit: string, value: number): string | null {
  if (!Number.isFinite(value)) return 'monitoring.errors.notNumber'
  switch (unit) {
    case 'percent':
      return value < 0 || value > 100 ? 'monitoring.errors.percent' : null
    case 'count':
      return value < 0 || !Number.isInteger(value) ? 'monitoring.errors.count' : null
    case 'ratio':
    case 'currency':
    case 'days':
      return value < 0 ? 'monitoring.errors.negative' : null
    default:
      return null
  }
}
