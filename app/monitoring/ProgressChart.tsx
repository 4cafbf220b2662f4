import { useTranslation } from 'react-i18next'
import { formatDate, formatNumber } from '../utils/locales.ts'
import { type IndicatorDefinition, type Measurement } from './progress.ts'

const W = 520
const H = 200
const PAD = { left: 48, right: 16, top: 16, bottom: 32 }

/** Baseline, target, the straight line between them, and the actual values over time. */
export function ProgressChart({
  def,
  measurements,
  label,
}: {
  def: IndicatorDefinition
  measurements: Measurement[]
  label: string
}) {
  const { t, i18n } = useTranslation()
  const points = [...measurements].sort((a, b) => a.period_end.localeCompare(b.period_end))
  const dates = [def.baselineDate, def.targetDate, ...points.map((p) => p.period_end)].filter(
    (d): d is string => typeof d === 'string',
  )
  const values = [def.baselineValue, def.targetValue, ...points.map((p) => p.value)].filter(
    (v): v is number => typeof v === 'number',
  )
  if (dates.length < 2 || values.length === 0) return <p className="field__hint">{t('monitoring.chartNeedsData')}</p>
  const time = (d: string) => Date.parse(`${d}T00:00:00Z`)
  const [t0, t1] = [Math.min(...dates.map(time)), Math.max(...dates.map(time))]
  let [v0, v1] = [Math.min(...values), Math.max(...values)]
  if (v0 === v1) [v0, v1] = [v0 - 1, v1 + 1]
  const span = v1 - v0
  ;[v0, v1] = [v0 - span * 0.1, v1 + span * 0.1]
  const x = (d: string) => PAD.left + ((time(d) - t0) / (t1 - t0 || 1)) * (W - PAD.left - PAD.right)
  const y = (v: number) => H - PAD.bottom - ((v - v0) / (v1 - v0)) * (H - PAD.top - PAD.bottom)
  const fmt = (v: number) => formatNumber(v, i18n.language, { maximumFractionDigits: 1 })
  const hasLine =
    typeof def.baselineValue === 'number' && typeof def.targetValue === 'number' && def.baselineDate && def.targetDate
  return (
    <figure className="progress-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} className="axis" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="axis" />
        {[v0 + (v1 - v0) * 0.1, (v0 + v1) / 2, v1 - (v1 - v0) * 0.1].map((v) => (
          <text key={v} x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="tick">
            {fmt(v)}
          </text>
        ))}
        <text x={PAD.left} y={H - 8} className="tick">
          {formatDate(new Date(t0).toISOString().slice(0, 10), i18n.language)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="tick">
          {formatDate(new Date(t1).toISOString().slice(0, 10), i18n.language)}
        </text>
        {hasLine ? (
          <line
            x1={x(def.baselineDate!)}
            y1={y(def.baselineValue!)}
            x2={x(def.targetDate!)}
            y2={y(def.targetValue!)}
            className="expected"
          />
        ) : null}
        {typeof def.baselineValue === 'number' && def.baselineDate ? (
          <rect x={x(def.baselineDate) - 5} y={y(def.baselineValue) - 5} width={10} height={10} className="baseline" />
        ) : null}
        {typeof def.targetValue === 'number' && def.targetDate ? (
          <polygon
            points={`${x(def.targetDate)},${y(def.targetValue) - 7} ${x(def.targetDate) + 7},${y(def.targetValue) + 5} ${x(def.targetDate) - 7},${y(def.targetValue) + 5}`}
            className="target"
          />
        ) : null}
        {points.length > 1 ? (
          <polyline points={points.map((p) => `${x(p.period_end)},${y(p.value)}`).join(' ')} className="actual" />
        ) : null}
        {points.map((p) => (
          <circle key={p.period} cx={x(p.period_end)} cy={y(p.value)} r={4} className="actual-point" />
        ))}
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-baseline">■ {t('monitoring.baseline')}</span>{' '}
        <span className="legend-target">▲ {t('monitoring.target')}</span>{' '}
        <span className="legend-expected">– – {t('monitoring.expectedPath')}</span>{' '}
        <span className="legend-actual">● {t('monitoring.actual')}</span>
      </figcaption>
    </figure>
  )
}
