import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { signed, type SubjectScore } from '../scoring.ts'
import { type ScoreCriterion } from './ScoreSheet.tsx'
import { RecordName } from './RecordName.tsx'

/** One scored subject in the table: what it is, and its aggregate from scoring.ts. */
export interface RankingRow {
  id: string
  ref: string
  label: string
  /** A second line under the label (the intervention's type …). */
  sub?: string
  score: Omit<SubjectScore, 'subjectId'>
  /** Per criterion: the spread of individual scores (4.2 shows each criterion on its own). */
  criterionSpread?: Record<string, { min: number; max: number } | null>
  selected?: boolean
}

interface Column {
  header: string
  cell: (row: RankingRow) => React.ReactNode
}

interface Props {
  headingId: string
  title: string
  hint: string
  subjectHeader: string
  /** In display order (ranked by scoring.ts `rank`, or the list order when there is no single score). */
  rows: RankingRow[]
  constituencies: readonly string[]
  /** Show the rank and the weighted score (2.2, 5.2); off when criteria are shown one by one (4.2). */
  ranked?: boolean
  /** Criteria shown each in its own column (mean and spread). */
  criteria?: ScoreCriterion[]
  /** A constituency's cell; the constituency's weighted mean by default. */
  constituencyCell?: (row: RankingRow, constituency: string) => React.ReactNode
  columns?: Column[]
  className?: string
  children?: React.ReactNode
}

/**
 * The "prioritise" part of brainstorm → prioritise → map: each subject's score, the spread of
 * individual scores, the number of scorers and each constituency's own score, so disagreement
 * between government, workers and employers stays visible.
 */
export function RankingTable({
  headingId,
  title,
  hint,
  subjectHeader,
  rows,
  constituencies,
  ranked = true,
  criteria = [],
  constituencyCell,
  columns = [],
  className = '',
  children,
}: Props) {
  const { t, i18n } = useTranslation('worksheets')
  const fmt = (v: number | null | undefined, sign = false) =>
    v === null || v === undefined
      ? '—'
      : formatNumber(v, i18n.language, {
          minimumFractionDigits: ranked ? 2 : 1,
          maximumFractionDigits: ranked ? 2 : 1,
          signDisplay: sign ? 'exceptZero' : 'auto',
        })
  const range = (s: { min: number; max: number }, sign = false) =>
    sign ? `${signed(s.min)} – ${signed(s.max)}` : `${s.min}–${s.max}`
  let position = 0
  return (
    <section className="worksheet" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="field__hint">{hint}</p>
      <div className="table-wrap">
        <table className={`data-table ranking-table ${className}`}>
          <thead>
            <tr>
              {ranked ? (
                <th scope="col" className="num">
                  {t('scoring.rank')}
                </th>
              ) : null}
              <th scope="col">{subjectHeader}</th>
              {ranked ? (
                <>
                  <th scope="col" className="num">
                    {t('scoring.score')}
                  </th>
                  <th scope="col" className="num">
                    {t('scoring.spread')}
                  </th>
                </>
              ) : null}
              {criteria.map((c) => (
                <th scope="col" key={c.key} className="num">
                  {c.name}
                </th>
              ))}
              <th scope="col" className="num">
                {t('scoring.scorers')}
              </th>
              {constituencies.map((k) => (
                <th scope="col" key={k} className="num">
                  {t(`common:constituency.${k}`)}
                </th>
              ))}
              {columns.map((c) => (
                <th scope="col" key={c.header}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              if (r.score.weightedMean !== null) position += 1
              return (
                <tr key={r.id} className={r.selected ? 'ranking-table__selected' : undefined}>
                  {ranked ? <td className="num">{r.score.weightedMean === null ? '—' : position}</td> : null}
                  <th scope="row">
                    <RecordName code={r.ref} words={r.label} />
                    {r.sub ? <span className="ranking-table__title muted">{r.sub}</span> : null}
                  </th>
                  {ranked ? (
                    <>
                      <td className="num ranking-table__score">
                        {r.score.weightedMean === null ? (
                          <span className="muted">{t('scoring.notScored')}</span>
                        ) : (
                          fmt(r.score.weightedMean)
                        )}
                      </td>
                      <td className="num">{r.score.spread ? range(r.score.spread) : '—'}</td>
                    </>
                  ) : null}
                  {criteria.map((c) => {
                    const spread = r.criterionSpread?.[c.key]
                    return (
                      <td key={c.key} className="num">
                        {fmt(r.score.byCriterion[c.key], c.signed)}
                        {spread ? (
                          <span className="cell-sub">{t('scoring.spreadOf', { range: range(spread, c.signed) })}</span>
                        ) : null}
                      </td>
                    )
                  })}
                  <td className="num">{r.score.scorers}</td>
                  {constituencies.map((k) => (
                    <td key={k} className="num">
                      {constituencyCell ? constituencyCell(r, k) : fmt(r.score.byConstituency[k])}
                    </td>
                  ))}
                  {columns.map((c) => (
                    <td key={c.header}>{c.cell(r)}</td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {children}
    </section>
  )
}
