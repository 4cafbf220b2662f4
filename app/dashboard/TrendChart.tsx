import { useTranslation } from 'react-i18next'
import type { TrendPoint } from '#db/repositories/dashboard.ts'
import { formatNumber } from '../utils/locales.ts'

const W = 640
const H = 220
const PAD = { left: 52, right: 16, top: 16, bottom: 36 }

const monthLabel = (month: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}T00:00:00Z`),
  )

/**
 * The filtered plans' compliance over time: the mean change from baseline per month as a line, a
 * zero line for "no change", and the same figures as a table for those who do not read charts.
 */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language
  const signed = (v: number) => `${v > 0 ? '+' : ''}${formatNumber(v, locale, { maximumFractionDigits: 1 })}`
  return (
    <section className="card trend" aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t('dashboard.trend.title')}</h2>
      <p className="field__hint">{t('dashboard.trend.hint')}</p>
      {points.length === 0 ? (
        <p>{t('dashboard.trend.empty')}</p>
      ) : (
        <>
          <Chart points={points} label={t('dashboard.trend.chartLabel', { count: points.length })} signed={signed} />
          <details>
            <summary>{t('dashboard.trend.asTable')}</summary>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{t('dashboard.trend.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.trend.month')}</th>
                    <th scope="col">{t('dashboard.trend.change')}</th>
                    <th scope="col">{t('dashboard.plans')}</th>
                    <th scope="col">{t('dashboard.trend.measurements')}</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.month}>
                      <th scope="row">{monthLabel(p.month, locale)}</th>
                      <td>{signed(p.change)}</td>
                      <td>{formatNumber(p.plans, locale)}</td>
                      <td>{formatNumber(p.measurements, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  )
}

function Chart({ points, label, signed }: { points: TrendPoint[]; label: string; signed: (v: number) => string }) {
  const { i18n } = useTranslation()
  const values = [0, ...points.map((p) => p.change)]
  let [v0, v1] = [Math.min(...values), Math.max(...values)]
  if (v0 === v1) [v0, v1] = [v0 - 1, v1 + 1]
  const span = v1 - v0
  ;[v0, v1] = [v0 - span * 0.1, v1 + span * 0.1]
  // Months sit at their place in time, so a gap in the measurements shows as a gap.
  const time = (p: TrendPoint) => Date.parse(`${p.month}T00:00:00Z`)
  const [t0, t1] = [time(points[0]!), time(points.at(-1)!)]
  const x = (i: number) =>
    t1 === t0
      ? (W + PAD.left - PAD.right) / 2
      : PAD.left + ((time(points[i]!) - t0) / (t1 - t0)) * (W - PAD.left - PAD.right)
  const y = (v: number) => H - PAD.bottom - ((v - v0) / (v1 - v0)) * (H - PAD.top - PAD.bottom)
  const first = points[0]!
  const last = points.at(-1)!
  return (
    <svg className="trend__chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} className="trend__zero" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="trend__axis" />
      {[v0 + span * 0.1, v1 - span * 0.1].map((v) => (
        <text key={v} x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="trend__tick">
          {signed(v)}
        </text>
      ))}
      <text x={PAD.left} y={H - 10} className="trend__tick">
        {monthLabel(first.month, i18n.language)}
      </text>
      {last.month !== first.month ? (
        <text x={W - PAD.right} y={H - 10} textAnchor="end" className="trend__tick">
          {monthLabel(last.month, i18n.language)}
        </text>
      ) : null}
      {points.length > 1 ? (
        <polyline points={points.map((p, i) => `${x(i)},${y(p.change)}`).join(' ')} className="trend__line" />
      ) : null}
      {points.map((p, i) => (
        <circle key={p.month} cx={x(i)} cy={y(p.change)} r={3.5} className="trend__point" />
      ))}
    </svg>
  )
}
