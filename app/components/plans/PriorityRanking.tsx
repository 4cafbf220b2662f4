import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import type { PriorityRankingRow } from '../../method/2.2-prioritise/overview-ranking.server.ts'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'

interface Props {
  planId: string
  rows: PriorityRankingRow[]
  total: number
}

/** The overview's view of 2.2: where the team's scores point, and which pair(s) the lead chose. */
export function PriorityRanking({ planId, rows, total }: Props) {
  const { t, i18n } = useTranslation('common')
  const score = (v: number | null) =>
    v === null ? '—' : formatNumber(v, i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return (
    <section aria-labelledby="ranking-heading" className="card">
      <h2 id="ranking-heading">{t('overview.ranking.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('overview.ranking.none')}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('overview.ranking.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.ranking.rank')}</th>
              <th scope="col">{t('overview.ranking.pair')}</th>
              <th scope="col">{t('overview.ranking.score')}</th>
              <th scope="col">{t('overview.ranking.spread')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ref}>
                <td>{r.rank ?? '—'}</td>
                <th scope="row">
                  <RecordName code={r.ref} words={`${r.issue} × ${r.target}`} />
                  {r.selected ? <span className="pill pill--done">{t('overview.ranking.selected')}</span> : null}
                </th>
                <td>{score(r.weightedMean)}</td>
                <td>
                  {r.spread ? `${r.spread.min}–${r.spread.max}` : '—'}
                  <span className="cell-sub">{t('overview.ranking.scorers', { count: r.scorers })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Link to={`/plans/${planId}/steps/2.2`}>{t('overview.ranking.open', { shown: rows.length, total })}</Link>
    </section>
  )
}
