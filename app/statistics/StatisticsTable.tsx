import { useTranslation } from 'react-i18next'
import { formatNumber } from '../utils/locales.ts'

export interface StatisticsYear {
  year: number
  inspectors: number | null
  inspectors_women: number | null
  inspectors_per_10000: number | null
  visits: number | null
  visits_per_inspector: number | null
  registered_workplaces: number | null
  source: string | null
}

const FIELDS = [
  'inspectors',
  'inspectors_women',
  'inspectors_per_10000',
  'visits',
  'visits_per_inspector',
  'registered_workplaces',
] as const

/** A country's labour inspection statistics by year, with the change from the first to the last year. */
export function StatisticsTable({ rows, caption }: { rows: StatisticsYear[]; caption: string }) {
  const { t, i18n } = useTranslation()
  const num = (v: number | null, digits = 0) =>
    v === null ? '—' : formatNumber(v, i18n.language, { maximumFractionDigits: digits })
  const digits = (f: (typeof FIELDS)[number]) => (f === 'inspectors_per_10000' || f === 'visits_per_inspector' ? 2 : 0)
  const trend = (f: (typeof FIELDS)[number]) => {
    const known = rows.filter((r) => r[f] !== null)
    if (known.length < 2) return '—'
    const [first, last] = [known[0]![f]!, known.at(-1)![f]!]
    const arrow = last > first ? '↑' : last < first ? '↓' : '→'
    return `${arrow} ${last >= first ? '+' : ''}${num(last - first, digits(f))} ${t('statistics.since', { year: known[0]!.year })}`
  }
  if (rows.length === 0) return <p className="empty-state">{t('statistics.none')}</p>
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.year')}</th>
            {FIELDS.map((f) => (
              <th scope="col" key={f}>
                {t(`statistics.fields.${f}`)}
              </th>
            ))}
            <th scope="col">{t('statistics.fields.source')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year}>
              <th scope="row">{r.year}</th>
              {FIELDS.map((f) => (
                <td key={f}>{num(r[f], digits(f))}</td>
              ))}
              <td>{r.source ?? ''}</td>
            </tr>
          ))}
          <tr className="trend-row">
            <th scope="row">{t('statistics.trend')}</th>
            {FIELDS.map((f) => (
              <td key={f}>{trend(f)}</td>
            ))}
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  )
}
