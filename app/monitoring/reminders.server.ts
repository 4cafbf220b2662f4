// Measurement-due reminders (issue 14, ADR 062): for every indicator with a reporting frequency on
// a plan that is being carried out, the person responsible for reporting it (else the plan's leads)
// is told before a due date and after one passes without a measurement (the calendar and windows
// are in due-dates.ts). Idempotent: each reminder has a dedupe key (indicator, period, phase), so
// running it twice, or on several web processes at once, adds each reminder once.
import { type Executor } from '#db/executor.ts'
import { repeatEvery, reportFailure } from '../utils/periodic.server.ts'
import * as NotificationRepository from '#db/repositories/notifications.ts'
import * as ReminderRepository from '#db/repositories/reminders.ts'
import { type PlanStatus } from '#core/vocabulary.ts'
import { PERIODICITIES } from '../method/6.2-implementation-chart/worksheet.ts'
import { dueReminders, isoDay, type Periodicity } from './due-dates.ts'

/**
 * Plans whose indicators are measured now: approved (about to start) and implementing. A draft or a
 * plan in review has no agreed indicators yet; a completed or archived plan is no longer reported.
 */
export const REMINDING_STATUSES: readonly PlanStatus[] = ['approved', 'implementing']

const isPeriodicity = (v: unknown): v is Periodicity => PERIODICITIES.includes(v as Periodicity)
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)

/** Adds the reminders owed at `now`; returns how many notifications were added. */
export async function produceDueReminders(db: Executor, now: Date): Promise<number> {
  const today = isoDay(now)
  const indicators = await ReminderRepository.findIndicatorsToRemind(db, REMINDING_STATUSES)
  const candidates = indicators.filter((i) => isPeriodicity((i.data as Record<string, unknown>).periodicity))
  if (candidates.length === 0) return 0
  const [measured, members] = await Promise.all([
    ReminderRepository.findMeasuredEnds(
      db,
      candidates.map((i) => i.id),
    ),
    ReminderRepository.findActiveMembers(
      db,
      candidates.map((i) => i.plan_id),
    ),
  ])
  const rows: NotificationRepository.NotificationInput[] = []
  for (const indicator of candidates) {
    const data = indicator.data as Record<string, unknown>
    const owed = dueReminders({
      periodicity: data.periodicity as Periodicity,
      from: isDay(data.baselineDate) ? data.baselineDate : indicator.start_date,
      to: isDay(data.targetDate) ? data.targetDate : indicator.end_date,
      measuredEnds: measured.get(indicator.id) ?? [],
      today,
    })
    if (owed.length === 0) continue
    const team = members.get(indicator.plan_id) ?? []
    // The named person while they are on the team (and can sign in); else every lead.
    const responsible = team.find((m) => m.userId === data.responsiblePerson)
    const recipients = responsible ? [responsible.userId] : team.filter((m) => m.role === 'lead').map((m) => m.userId)
    for (const { period, phase } of owed)
      for (const userId of recipients)
        rows.push({
          userId,
          kind: 'measurement_due',
          planId: indicator.plan_id,
          params: {
            planTitle: indicator.plan_title,
            indicator: typeof data.name === 'string' ? data.name.slice(0, 300) : '',
            ref: indicator.ref,
            period: period.period,
            dueDate: period.end,
            overdue: phase !== 'before',
            responsible: responsible !== undefined,
          },
          path: `/plans/${indicator.plan_id}/monitoring`,
          dedupeKey: `measurement_due:${indicator.id}:${period.period}:${phase}`,
        })
  }
  if (rows.length === 0) return 0
  return (await NotificationRepository.insertMany(db, rows)).length
}

/** How often the web process looks for owed reminders; a reminder's window is at least a day. */
export const REMINDER_INTERVAL_MS = 60 * 60 * 1000

/**
 * Produces reminders now and every `intervalMs`, one run at a time; a failed run is reported and
 * the next tick tries again. The timer does not keep the process alive. Returns a function that
 * stops it and waits for a run in progress. Every web process runs it; the dedupe keys make the
 * second run find nothing to add.
 */
export function scheduleReminders(
  db: Executor,
  { intervalMs = REMINDER_INTERVAL_MS, now = () => new Date(), onError = reportFailure('reminders failed') } = {},
) {
  return repeatEvery(intervalMs, () => produceDueReminders(db, now()), onError)
}
