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
  if (events.length === 0) return <p className="empty-state">{t('activity.empty')}</p>
  return (
    <ol className="activity-list">
      {events.map((e) => (
        <li key={e.id}>
          <span className="activity-list__what">{describeActivity(e, ctx)}</span>
          <Changes event={e} ctx={ctx} />
          <span className="cell-sub">
            {e.actor_name ?? t('activity.someone')}
            {e.actor_organisation ? ` (${e.actor_organisation})` : ''} ·{' '}
            <time dateTime={new Date(e.created_at).toISOString()}>{formatDateTime(e.created_at, i18n.language)}</time>
          </span>
        </li>
      ))}
    </ol>
  )
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
