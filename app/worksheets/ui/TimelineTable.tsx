// The implementation chart as a table by quarter: drawn by the 6.2 page and the printed plan.
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../utils/locales.ts'
import { activitySpan, type Quarter } from '../timeline.ts'
import { type WorksheetItemView } from '../types.ts'
import { RecordName } from './RecordName.tsx'

export interface TimelineGroup {
  intervention: WorksheetItemView
  rows: WorksheetItemView[]
}

/** The 6.2 chart as an export figure carries it (the items without their row bookkeeping). */
export interface TimelineFigureData {
  horizon: { start: string; end: string }
  selected: string[]
  interventions: Omit<WorksheetItemView, 'plan_id' | 'version' | 'updated_at'>[]
  activities: Omit<WorksheetItemView, 'plan_id' | 'version' | 'updated_at'>[]
}

const asView = (i: TimelineFigureData['activities'][number]): WorksheetItemView => ({
  ...i,
  plan_id: '',
  version: 1,
  updated_at: '',
})

/** The figure's activities grouped by intervention, as the worksheet's timeline shows them. */
export function figureTimelineGroups(data: TimelineFigureData) {
  return timelineGroups(data.interventions.map(asView), data.activities.map(asView), data.selected)
}

/** Activities under their intervention; interventions without any are kept only when selected. */
export function timelineGroups(
  interventions: WorksheetItemView[],
  activities: WorksheetItemView[],
  selected: string[],
): TimelineGroup[] {
  return interventions
    .map((v) => ({ intervention: v, rows: activities.filter((a) => a.data.intervention === v.id) }))
    .filter((g) => g.rows.length > 0 || selected.includes(g.intervention.id))
}

/** The timeline table itself, shared by the 6.2 page and the printed plan. */
export function TimelineTable({
  quarters,
  groups,
  caption,
  labelledBy,
}: {
  quarters: Quarter[]
  groups: TimelineGroup[]
  caption?: string
  labelledBy?: string
}) {
  const { t } = useTranslation('worksheets')
  return (
    <table className="timeline" aria-labelledby={labelledBy}>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <td rowSpan={2} />
          {years(quarters).map(([year, span]) => (
            <th key={year} scope="colgroup" colSpan={span} className="timeline__year">
              {year}
            </th>
          ))}
        </tr>
        <tr>
          {quarters.map((q) => (
            <th key={q.key} scope="col" className="timeline__quarter">
              <abbr title={t('chart.quarterOf', { quarter: q.quarter, year: q.year })}>
                {t('chart.quarter', { quarter: q.quarter })}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.intervention.id}>
          <tr className="timeline__group">
            <th scope="colgroup" colSpan={quarters.length + 1}>
              <RecordName code={g.intervention.ref} words={String(g.intervention.data.title ?? '')} />
              {g.rows.length === 0 ? <span className="muted"> — {t('chart.noActivity')}</span> : null}
            </th>
          </tr>
          {g.rows.map((a) => (
            <ActivityRow key={a.id} activity={a} quarters={quarters} />
          ))}
        </tbody>
      ))}
    </table>
  )
}

function years(quarters: Quarter[]): [number, number][] {
  const out = new Map<number, number>()
  for (const q of quarters) out.set(q.year, (out.get(q.year) ?? 0) + 1)
  return [...out]
}

function ActivityRow({ activity, quarters }: { activity: WorksheetItemView; quarters: Quarter[] }) {
  const { t, i18n } = useTranslation('worksheets')
  const start = String(activity.data.startDate ?? '')
  const end = String(activity.data.endDate ?? '')
  const status = String(activity.data.status ?? 'planned')
  const span = activitySpan(start, end, quarters)
  const dates = `${formatDate(start, i18n.language)} – ${formatDate(end, i18n.language)}`
  const label = t(`options.status.${status}`)
  const quarterName = (q: Quarter) => t('chart.quarterYear', { quarter: q.quarter, year: q.year })
  const quarterRange = (first: number, last: number) =>
    first === last
      ? quarterName(quarters[first]!)
      : t('chart.quarterRange', { from: quarterName(quarters[first]!), to: quarterName(quarters[last]!) })
  return (
    <tr>
      <th scope="row" className="timeline__activity">
        <RecordName code={activity.ref} words={String(activity.data.activity ?? '')} />
        {activity.data.leadOrganisation ? (
          <span className="muted"> · {String(activity.data.leadOrganisation)}</span>
        ) : null}
        <span className="timeline__dates">{dates}</span>
      </th>
      {span === null ? (
        <td colSpan={quarters.length} className="muted">
          {t('chart.outside', { dates })}
        </td>
      ) : (
        <>
          {quarters.slice(0, span.first).map((q) => (
            <td key={q.key} />
          ))}
          <td colSpan={span.last - span.first + 1} className="timeline__cell">
            <span
              className={`timeline__bar bar--${status}`}
              title={quarters.length ? quarterRange(span.first, span.last) : undefined}
            >
              {span.startsBefore ? '◀ ' : ''}
              {label}
              {span.endsAfter ? ' ▶' : ''}
              {quarters.length ? (
                <span className="visually-hidden">, {quarterRange(span.first, span.last)}</span>
              ) : null}
            </span>
          </td>
          {quarters.slice(span.last + 1).map((q) => (
            <td key={q.key} />
          ))}
        </>
      )}
    </tr>
  )
}
