import { type TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../utils/locales.ts'
import { describeActivity, describeChanges } from '../../worksheets/activityDiff.ts'
import { type WordingContext } from '../../worksheets/valueText.ts'

interface ActivityEvent {
  id: number
  action: string
  entity_type: string
  entity_id?: string | null
  created_at: string | Date
  actor_name: string | null
  actor_organisation: string | null
  new_value: unknown
  old_value: unknown
}

/** The plan history: who changed what and when, newest first. `refs` names the plan's items by id. */
export function ActivityList({ events, refs }: { events: ActivityEvent[]; refs?: Record<string, string> }) {
  const { t, i18n } = useTranslation()
  const ctx: WordingContext = { t, lng: i18n.language, refs: new Map(Object.entries(refs ?? {})) }
  // Status changes, cleared endorsements and sign-offs carry their own wording (ADRs 009, 037).
  const describe = (e: ActivityEvent) => {
    if (e.entity_type === 'plan' && e.action === 'status_changed') return describeStatusChange(e, t)
    if (e.entity_type === 'endorsement' && e.action === 'cleared') {
      const old = asRecord(e.old_value)
      const decision = old.decision === 'endorse' || old.decision === 'object' ? t(`lifecycle.decisions.${old.decision}`) : '—'
      return t('activity.endorsementCleared', { organisation: typeof old.organisation === 'string' ? old.organisation : '—', decision })
    }
    if (e.entity_type === 'signoff') return describeSignoff(e, t)
    return describeActivity(e, ctx)
  }
  if (events.length === 0) return <p className="empty-state">{t('activity.empty')}</p>
  return (
    <ol className="activity-list">
      {events.map((e) => (
        <li key={e.id}>
          <span className="activity-list__what">{describe(e)}</span>
          <Changes event={e} ctx={ctx} />
          <span className="cell-sub">
            {e.actor_name ?? t('activity.someone')}
            {e.actor_organisation ? ` (${e.actor_organisation})` : ''} · <time dateTime={new Date(e.created_at).toISOString()}>{formatDateTime(e.created_at, i18n.language)}</time>
          </span>
        </li>
      ))}
    </ol>
  )
}

/** "Agreed to 1.3 for Workers' organisation", a reservation with its reason, or an agreement gone stale. */
function describeSignoff(e: ActivityEvent, t: (key: string, options?: Record<string, unknown>) => string) {
  const v = (e.new_value ?? {}) as { substep?: unknown; constituency?: unknown; reason?: unknown }
  const constituency = typeof v.constituency === 'string' ? t(`constituency.${v.constituency}`) : ''
  return t(`activity.actions.signoff.${e.action}`, { code: typeof v.substep === 'string' ? v.substep : '', constituency, reason: typeof v.reason === 'string' ? v.reason : '' })
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
}

/**
 * A status change names both statuses; a return for changes says who returned it and why, and
 * an approval without every endorsement gives the reviewer's reason (ADR 009).
 */
function describeStatusChange(e: ActivityEvent, t: TFunction): string {
  const from = asRecord(e.old_value).status
  const next = asRecord(e.new_value)
  const status = (s: unknown) => (typeof s === 'string' ? t(`plan.status.${s}`) : '—')
  const changed = t('activity.status.changed', { from: status(from), to: status(next.status) })
  const note = typeof next.note === 'string' && next.note ? next.note : null
  if (next.transition === 'returnForChanges') {
    const who = e.actor_name ? `${e.actor_name}${e.actor_organisation ? ` (${e.actor_organisation})` : ''}` : t('activity.someone')
    return `${t('activity.status.returned', { name: who, note: note ?? '—' })} · ${changed}`
  }
  const parts = [changed]
  if (typeof next.overrideReason === 'string') parts.push(t('activity.status.approvedOverride', { reason: next.overrideReason }))
  if (note) parts.push(t('activity.status.note', { note }))
  return parts.join(' · ')
}

/** For an update or a move: each changed field with its old and new value. */
function Changes({ event, ctx }: { event: ActivityEvent; ctx: WordingContext }) {
  const changes = describeChanges(event, ctx)
  if (changes.length === 0) return null
  return (
    <ul className="activity-list__changes">
      {changes.map((c) => (
        <li key={c.field}>{ctx.t('activity.change', { field: c.label, before: c.before, after: c.after })}</li>
      ))}
    </ul>
  )
}
