import { type IndicatorDefinition, type ProgressStatus } from '../monitoring/progress.ts'

// What the comparison page shares between its server and its components.

/** How many plans may be put side by side. */
export const COMPARE_MIN = 2
export const COMPARE_MAX = 4

export interface ComparedIndicator {
  id: string
  ref: string
  name: string
  indicatorType: string | null
  definition: IndicatorDefinition
  measurements: { period: string; period_end: string; value: number }[]
  latest: number | null
  status: ProgressStatus
}
