// Quarter arithmetic for the 6.2 implementation chart. Dates are ISO strings (YYYY-MM-DD). Isomorphic.

export interface Quarter {
  /** e.g. "2026-Q3" */
  key: string
  year: number
  quarter: 1 | 2 | 3 | 4
  start: string
  end: string
}

const LAST_DAY = ['03-31', '06-30', '09-30', '12-31'] as const
const FIRST_DAY = ['01-01', '04-01', '07-01', '10-01'] as const

function parts(date: string) {
  const [y, m] = date.split('-').map(Number)
  return { year: y!, quarter: (Math.floor((m! - 1) / 3) + 1) as Quarter['quarter'] }
}

function make(year: number, quarter: Quarter['quarter']): Quarter {
  return {
    key: `${year}-Q${quarter}`,
    year,
    quarter,
    start: `${year}-${FIRST_DAY[quarter - 1]}`,
    end: `${year}-${LAST_DAY[quarter - 1]}`,
  }
}

/** The quarter a date falls in. */
export function quarterOf(date: string): Quarter {
  const { year, quarter } = parts(date)
  return make(year, quarter)
}

/** First and last day of a quarter given as "2026-Q3" (used by the demo seed and forms). */
export function quarterDates(key: string): { start: string; end: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(key)
  if (!m) throw new Error(`Not a quarter: ${key}`)
  const q = make(Number(m[1]), Number(m[2]) as Quarter['quarter'])
  return { start: q.start, end: q.end }
}

/** Every quarter from the one holding `start` to the one holding `end` (the plan horizon). At most 40. */
export function horizonQuarters(start: string, end: string): Quarter[] {
  if (end < start) return []
  const from = parts(start)
  const to = parts(end)
  const out: Quarter[] = []
  let { year, quarter } = from
  while ((year < to.year || (year === to.year && quarter <= to.quarter)) && out.length < 40) {
    out.push(make(year, quarter))
    quarter = quarter === 4 ? 1 : ((quarter + 1) as Quarter['quarter'])
    if (quarter === 1) year += 1
  }
  return out
}

export interface Span {
  /** Index of the first and last quarter column the bar covers (clipped to the horizon). */
  first: number
  last: number
  /** The activity starts before / ends after the horizon. */
  startsBefore: boolean
  endsAfter: boolean
}

/** The quarter columns an activity spans, or null when it lies entirely outside the horizon. */
export function activitySpan(startDate: string, endDate: string, quarters: Quarter[]): Span | null {
  if (quarters.length === 0 || endDate < startDate) return null
  const horizonStart = quarters[0]!.start
  const horizonEnd = quarters[quarters.length - 1]!.end
  if (endDate < horizonStart || startDate > horizonEnd) return null
  const first = startDate < horizonStart ? 0 : quarters.findIndex((q) => q.key === quarterOf(startDate).key)
  const last = endDate > horizonEnd ? quarters.length - 1 : quarters.findIndex((q) => q.key === quarterOf(endDate).key)
  return { first, last, startsBefore: startDate < horizonStart, endsAfter: endDate > horizonEnd }
}
