// When an indicator's measurements are due, and which reminder is owed on a given day (issue 14,
// ADR 062). Isomorphic and pure: dates are ISO days (YYYY-MM-DD) in UTC.
//
// Calendar: an indicator reported monthly, quarterly, half-yearly or annually has one reporting
// period per calendar month, quarter, half-year or year (the periods monitoring already writes:
// 2026-05, 2026-Q2, 2026-H1, 2026), due on the period's last day. The periods that count are those
// that end after the start (the indicator's baseline date, else the plan's start) and begin on or
// before the end (its target date, else the plan's end). A period is reported once a measurement of
// the indicator ends within it (its period end falls between the period's first and last day).
//
// Reminders: one REMINDER_BEFORE_DAYS before the due date (from then until the due date, once),
// and after a due date without a measurement, one the day after, then one a week for at most
// OVERDUE_REMINDERS weeks in all. Each is owed in its own window only: a producer that did not run
// during a window (the portal was down for a week) skips it rather than sending old news.
import { type PERIODICITIES } from '../method/6.2-implementation-chart/worksheet.ts'

export type Periodicity = (typeof PERIODICITIES)[number]

export const REMINDER_BEFORE_DAYS = 7
export const OVERDUE_REMINDERS = 4

export interface ReportingPeriod {
  /** As monitoring writes it: 2026-05, 2026-Q2, 2026-H1, 2026. */
  period: string
  start: string
  /** The due date: the period's last day. */
  end: string
}

export type ReminderPhase = 'before' | `overdue-${number}`

const DAY_MS = 24 * 60 * 60 * 1000
const pad = (n: number) => String(n).padStart(2, '0')
const iso = (d: Date) => d.toISOString().slice(0, 10)
const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS)

const MONTHS: Record<Periodicity, number> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 }
/** More periods than this between two dates means the dates are wrong (a daily plan of 40 years). */
const MAX_PERIODS = 600

function label(periodicity: Periodicity, year: number, month: number): string {
  switch (periodicity) {
    case 'monthly':
      return `${year}-${pad(month)}`
    case 'quarterly':
      return `${year}-Q${(month + 2) / 3}`
    case 'semiannual':
      return `${year}-H${month === 1 ? 1 : 2}`
    case 'annual':
      return String(year)
  }
}

/** The reporting periods of an indicator between `from` and `to` (ISO days), in order. */
export function reportingPeriods(periodicity: Periodicity, from: string, to: string): ReportingPeriod[] {
  const step = MONTHS[periodicity]
  const first = new Date(`${from}T00:00:00Z`)
  if (Number.isNaN(first.getTime()) || Number.isNaN(Date.parse(`${to}T00:00:00Z`)) || to < from) return []
  let year = first.getUTCFullYear()
  // The first month of the period that holds `from`.
  let month = Math.floor(first.getUTCMonth() / step) * step + 1
  const periods: ReportingPeriod[] = []
  while (periods.length < MAX_PERIODS) {
    const start = `${year}-${pad(month)}-01`
    if (start > to) break
    const end = iso(new Date(Date.UTC(year, month - 1 + step, 0)))
    // The period that ends on the start day itself was measured as the baseline.
    if (end > from) periods.push({ period: label(periodicity, year, month), start, end })
    month += step
    if (month > 12) {
      month -= 12
      year++
    }
  }
  return periods
}

/**
 * The reminder owed on `today` for a period not yet reported, or null: 'before' from
 * REMINDER_BEFORE_DAYS before the due date until the due date, `overdue-<week>` (0 from the day
 * after the due date, 1 a week later, …) for OVERDUE_REMINDERS weeks, then nothing.
 */
export function reminderPhase(due: string, today: string): ReminderPhase | null {
  const days = dayNumber(today) - dayNumber(due)
  if (days <= 0) return days >= -REMINDER_BEFORE_DAYS ? 'before' : null
  const week = Math.floor((days - 1) / 7)
  return week < OVERDUE_REMINDERS ? `overdue-${week}` : null
}

/** Whether a measurement ending on `measuredEnd` reports `period`. */
export function reports(period: ReportingPeriod, measuredEnd: string): boolean {
  return measuredEnd >= period.start && measuredEnd <= period.end
}

export interface DueReminder {
  period: ReportingPeriod
  phase: ReminderPhase
}

/**
 * The reminders owed on `today` for one indicator: at most one per period (the phase of its
 * window), for periods without a measurement. `measuredEnds` are the period ends of its measurements.
 */
export function dueReminders(input: {
  periodicity: Periodicity
  from: string
  to: string
  measuredEnds: readonly string[]
  today: string
}): DueReminder[] {
  const { today } = input
  // Only periods due within the windows can owe anything today.
  const earliest = iso(new Date((dayNumber(today) - OVERDUE_REMINDERS * 7) * DAY_MS))
  return reportingPeriods(input.periodicity, input.from, input.to).flatMap((period) => {
    if (period.end < earliest) return []
    const phase = reminderPhase(period.end, today)
    if (!phase || input.measuredEnds.some((end) => reports(period, end))) return []
    return [{ period, phase }]
  })
}

/** Today's date (UTC) as an ISO day. */
export const isoDay = iso
