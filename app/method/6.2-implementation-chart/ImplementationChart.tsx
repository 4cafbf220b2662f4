import { useTranslation } from 'react-i18next'
import { horizonQuarters } from '../../worksheets/timeline.ts'
import { TimelineTable, timelineGroups } from '../../worksheets/ui/TimelineTable.tsx'
import { type PanelProps } from '../define-panels.ts'
import { type implementationChart } from './substep.server.ts'
import { ACTIVITY_STATUSES } from './worksheet.ts'

/** 6.2: the activities as a timeline by quarter, grouped by intervention; status by text and pattern. */
export function ImplementationChartPanel({ worksheet, extra: d }: PanelProps<typeof implementationChart>) {
  const { t } = useTranslation('worksheets')
  const quarters = d.horizon ? horizonQuarters(d.horizon.start, d.horizon.end) : []
  const activities = worksheet.items.activity ?? []
  const groups = timelineGroups(worksheet.items.intervention ?? [], activities, d.selected)
  return (
    <section className="card chart-card" aria-labelledby="chart-heading">
      <h3 id="chart-heading">{t('chart.title')}</h3>
      <p className="field__hint">{t('chart.hint')}</p>
      {groups.length === 0 ? (
        <p className="empty-state">{t('chart.empty')}</p>
      ) : (
        <div className="table-wrap">
          <TimelineTable quarters={quarters} groups={groups} caption={t('chart.caption')} />
        </div>
      )}
      <ul className="timeline-legend" aria-label={t('chart.legend')}>
        {ACTIVITY_STATUSES.map((s) => (
          <li key={s}>
            <span className={`timeline__swatch bar--${s}`} aria-hidden="true" /> {t(`options.status.${s}`)}
          </li>
        ))}
      </ul>
    </section>
  )
}
