import { useTranslation } from 'react-i18next'
import { ProgressChart } from '../monitoring/ProgressChart.tsx'
import { formatDate, formatNumber } from '../utils/locales.ts'
import { type ComparedIndicator } from './compare.ts'

/** One plan's compliance indicators over time: a chart each, with its values as a table. */
export function ComparedIndicators({ title, indicators }: { title: string; indicators: ComparedIndicator[] }) {
  const { t, i18n } = useTranslation()
  const compliance = indicators.filter((i) => i.indicatorType === 'compliance')
  return (
    <section className="card">
      <h3>{title}</h3>
      {compliance.length === 0 ? <p className="field__hint">{t('dashboard.compare.noComplianceIndicators')}</p> : null}
      {compliance.map((i) => (
        <div key={i.id} className="compare-trend">
          <h4>{i.name}</h4>
          <ProgressChart
            def={i.definition}
            measurements={i.measurements}
            label={t('monitoring.chartLabel', { name: i.name })}
          />
          {i.measurements.length ? (
            <details>
              <summary>{t('dashboard.trend.asTable')}</summary>
              <table className="data-table">
                <caption className="visually-hidden">{t('monitoring.measurementsOf', { name: i.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('monitoring.period')}</th>
                    <th scope="col">{t('monitoring.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {i.measurements.map((m) => (
                    <tr key={m.period}>
                      <th scope="row">
                        {m.period} <span className="cell-sub">{formatDate(m.period_end, i18n.language)}</span>
                      </th>
                      <td>{formatNumber(m.value, i18n.language, { maximumFractionDigits: 2 })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </div>
      ))}
    </section>
  )
}
