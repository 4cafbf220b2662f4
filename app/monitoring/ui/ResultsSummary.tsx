import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { indicatorProgress, type Measurement } from '../progress.ts'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'

/** The plan's results: compliance outcomes first, then workers reached and activities done. */
export function ResultsSummary({
  indicators,
  activities,
  byIndicator,
}: {
  indicators: WorksheetItemView[]
  activities: WorksheetItemView[]
  byIndicator: Map<string, Measurement[]>
}) {
  const { t, i18n } = useTranslation()
  const num = (v: number) => formatNumber(v, i18n.language, { maximumFractionDigits: 1 })
  const order = { compliance: 0, outcome: 1, output: 2 } as Record<string, number>
  const outcomes = indicators
    .filter((i) => i.data.indicatorType === 'compliance' || i.data.indicatorType === 'outcome')
    .sort((a, b) => (order[String(a.data.indicatorType)] ?? 3) - (order[String(b.data.indicatorType)] ?? 3))
  const reached = indicators
    .filter((i) => i.data.countsWorkersReached === true)
    .map((i) => indicatorProgress({ unit: String(i.data.unit) }, byIndicator.get(i.id) ?? []).latest?.value ?? 0)
    .reduce((a, b) => a + b, 0)
  const done = activities.filter((a) => a.data.status === 'done').length
  const planned = activities.filter((a) => a.data.status !== 'cancelled').length
  return (
    <section className="card results" aria-labelledby="results-heading">
      <h2 id="results-heading">{t('monitoring.results')}</h2>
      <div className="results__grid">
        <div className="results__outcomes">
          <h3>{t('monitoring.complianceOutcomes')}</h3>
          {outcomes.length === 0 ? <p className="empty-state">{t('monitoring.noOutcomes')}</p> : null}
          <ul className="outcome-list">
            {outcomes.map((i) => {
              const unit = String(i.data.unit ?? '')
              const p = indicatorProgress(
                {
                  unit,
                  baselineValue: i.data.baselineValue as number | undefined,
                  baselineDate: i.data.baselineDate as string | undefined,
                  targetValue: i.data.targetValue as number | undefined,
                  targetDate: i.data.targetDate as string | undefined,
                },
                byIndicator.get(i.id) ?? [],
              )
              const suffix = unit === 'percent' ? ' %' : ''
              return (
                <li key={i.id}>
                  <span className="outcome-list__name">
                    <RecordName code={i.ref} words={String(i.data.name ?? '')} />
                  </span>
                  <span className="outcome-list__values">
                    {t('monitoring.beforeNow', {
                      before: typeof i.data.baselineValue === 'number' ? `${num(i.data.baselineValue)}${suffix}` : '—',
                      now: p.latest ? `${num(p.latest.value)}${suffix}` : '—',
                      target: typeof i.data.targetValue === 'number' ? `${num(i.data.targetValue)}${suffix}` : '—',
                    })}
                  </span>
                  <span className={`status-chip status-chip--${p.status}`}>{t(`monitoring.status.${p.status}`)}</span>
                </li>
              )
            })}
          </ul>
        </div>
        <dl className="ratio-grid results__figures">
          <div className="ratio-grid__item">
            <dt>{t('monitoring.workersReached')}</dt>
            <dd>{num(reached)}</dd>
          </div>
          <div className="ratio-grid__item">
            <dt>{t('monitoring.activitiesDone')}</dt>
            <dd>{t('monitoring.doneOfPlanned', { done, planned })}</dd>
          </div>
        </dl>
      </div>
    </section>
  )
}
