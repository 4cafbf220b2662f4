// Plausibility warnings: entries that can be saved but are probably not what the team means (an
// activity after the plan ends, an activity under an intervention the team deferred, an indicator
// with nothing to measure progress from). Unlike `refine` errors they never block a save: plans are
// drafted in workshops, and an unlikely entry may be deliberate or waiting for a later decision.
// Isomorphic: the form warns while the person types, the list marks saved rows.

/** What the warnings of a plan's items are judged against. */
export interface PlausibilityContext {
  /** The plan's period (ISO dates), if it has one. */
  period: { start: string; end: string } | null
  /** The 5.2 decision on each intervention that has one, by intervention id. */
  decisions: Readonly<Record<string, string>>
}

/** A warning: the field it is about, a translation key (worksheets namespace) and its values. */
export interface PlausibilityWarning {
  field: string
  key: string
  values?: Record<string, string>
}

export type PlausibilityCheck = (data: Record<string, unknown>, ctx: PlausibilityContext) => PlausibilityWarning[]

/** A form's text value or a saved value, as a non-empty string (or null). */
export function present(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const date = (value: unknown) => {
  const v = present(value)
  return v && DATE.test(v) ? v : null
}

/** Dates outside the plan's period: each date field that lies before its start or after its end. */
export function outsidePeriod(data: Record<string, unknown>, ctx: PlausibilityContext, fields: readonly string[]) {
  const period = ctx.period
  if (!period) return []
  return fields.flatMap((field): PlausibilityWarning[] => {
    const d = date(data[field])
    if (!d || (d >= period.start && d <= period.end)) return []
    return [{ field, key: 'plausibility.outsidePeriod', values: { date: d, start: period.start, end: period.end } }]
  })
}

/** Decisions other than "selected" that leave an intervention out of the plan, with their warning. */
const LEFT_OUT: Readonly<Record<string, string>> = {
  deferred: 'plausibility.interventionDeferred',
  not_selected: 'plausibility.interventionNotSelected',
}

/** An item linked (by `field`) to an intervention the team deferred or did not select in 5.2. */
export function onLeftOutIntervention(data: Record<string, unknown>, ctx: PlausibilityContext, field: string) {
  const id = present(data[field])
  const key = id ? LEFT_OUT[ctx.decisions[id] ?? ''] : undefined
  return key ? [{ field, key }] : []
}
