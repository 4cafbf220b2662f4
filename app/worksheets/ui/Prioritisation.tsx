import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { aggregateScores } from '../scoring.ts'
import { criterionSpec, type PrioritisationView, type RankedPair } from '../step2.ts'
import { type LinkOption, type WorksheetItemView } from '../types.ts'
import { PairScoreForm } from './PairScoreForm.tsx'
import { type SubstepPanelProps } from './panels.tsx'
import { PriorityDecision } from './PriorityDecision.tsx'
import { WorksheetList } from './WorksheetList.tsx'

/** The name of a criterion as people read it: the lead's own wording, else the method's name. */
export function useCriterionName() {
  const { t } = useTranslation('worksheets')
  return (c: WorksheetItemView) => (typeof c.data.name === 'string' && c.data.name ? c.data.name : t(`options.criterionKey.${String(c.data.criterionKey)}`))
}

/** "I1 × T1" for a pair, with the issue and target titles for a longer label. */
export function pairLabels(pair: { issueId: string; targetId: string }, options: Record<string, LinkOption[]>) {
  const issue = options.issue?.find((o) => o.id === pair.issueId)
  const target = options.target?.find((o) => o.id === pair.targetId)
  const short = `${issue?.ref ?? '?'} × ${target?.ref ?? '?'}`
  return { short, long: `${short}: ${issue?.label ?? ''} — ${target?.label ?? ''}` }
}

/** 2.2, above the pairs: the criteria and weights, edited by the lead only. */
export function CriteriaPanel({ extra, worksheet, abilities }: SubstepPanelProps) {
  const { t } = useTranslation('worksheets')
  const view = extra as PrioritisationView
  return (
    <div className="criteria-panel">
      <WorksheetList spec={criterionSpec} items={view.criteria} options={worksheet.options} canEdit={abilities['plan:update'] === true} />
      <p className="field__hint">{t('prioritise.leadOnly')}</p>
    </div>
  )
}

/** 2.2, below the pairs: the ranking with spread and constituency means, own scores, the decision. */
export function PrioritisationPanel({ extra, worksheet, abilities }: SubstepPanelProps) {
  const { t } = useTranslation('worksheets')
  const view = extra as PrioritisationView
  const canScore = abilities['worksheet:score'] === true
  const pairOptions: LinkOption[] = view.ranking.map((r) => ({ id: r.pairId, ref: r.ref, label: pairLabels(r, worksheet.options).long }))
  return (
    <>
      <RankingTable view={view} options={worksheet.options} />
      {view.ranking.length > 0 ? (
        <section className="worksheet" aria-labelledby="my-scores-heading">
          <h3 id="my-scores-heading">{t('prioritise.yourScore')}</h3>
          {canScore ? (
            <>
              <p className="field__hint">{t('prioritise.scaleHint')}</p>
              {view.ranking.map((r) => (
                <PairScoreForm key={r.pairId} pair={r} label={pairLabels(r, worksheet.options).long} criteria={view.criteria} mine={view.myScores[r.pairId] ?? {}} />
              ))}
            </>
          ) : (
            <p className="field__hint">{t('prioritise.readOnly')}</p>
          )}
        </section>
      ) : null}
      <PriorityDecision decision={view.decision} options={{ ...worksheet.options, pair: pairOptions }} canRecord={abilities['plan:update'] === true} />
    </>
  )
}

function RankingTable({ view, options }: { view: PrioritisationView; options: Record<string, LinkOption[]> }) {
  const { t, i18n } = useTranslation('worksheets')
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
  const criteria = view.criteria.map((c) => ({ key: c.id, weight: typeof c.data.weight === 'number' ? c.data.weight : 1 }))
  const mine = (r: RankedPair) => {
    const rows = Object.entries(view.myScores[r.pairId] ?? {}).map(([criterion, value]) => ({ subject_id: r.pairId, criterion, value, scorer_id: 'me', constituency: 'me' }))
    return aggregateScores([r.pairId], rows, criteria)[0]!.weightedMean
  }
  const selected = new Set(Array.isArray(view.decision?.data.pairs) ? (view.decision.data.pairs as string[]) : [])
  return (
    <section className="worksheet" aria-labelledby="ranking-heading">
      <h3 id="ranking-heading">{t('prioritise.rankingTitle')}</h3>
      <p className="field__hint">{t('prioritise.rankingHint')}</p>
      {view.ranking.length === 0 ? (
        <p className="empty-state">{t('prioritise.noPairs')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table ranking-table">
            <thead>
              <tr>
                <th scope="col" rowSpan={2} className="num">
                  {t('prioritise.rank')}
                </th>
                <th scope="col" rowSpan={2}>
                  {t('prioritise.pair')}
                </th>
                <th scope="col" rowSpan={2} className="num">
                  {t('prioritise.score')}
                </th>
                <th scope="col" rowSpan={2} className="num">
                  {t('prioritise.spread')}
                </th>
                <th scope="col" rowSpan={2} className="num">
                  {t('prioritise.scorers')}
                </th>
                {view.constituencies.length > 0 ? (
                  <th scope="colgroup" colSpan={view.constituencies.length} className="ranking-table__group">
                    {t('prioritise.byConstituency')}
                  </th>
                ) : null}
                <th scope="col" rowSpan={2} className="num">
                  {t('prioritise.yourMean')}
                </th>
              </tr>
              <tr>
                {view.constituencies.map((c) => (
                  <th scope="col" key={c} className="num">
                    {t(`common:constituency.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.ranking.map((r) => {
                const labels = pairLabels(r, options)
                return (
                  <tr key={r.pairId} className={selected.has(r.pairId) ? 'ranking-table__selected' : undefined}>
                    <td className="num">{r.rank ?? '—'}</td>
                    <th scope="row">
                      <span className="ranking-table__pair">{labels.short}</span>
                      <span className="ranking-table__title muted">{labels.long.slice(labels.short.length + 2)}</span>
                      {selected.has(r.pairId) ? (
                        <>
                          {' '}
                          <span className="decision decision--selected">{t('prioritise.selected')}</span>
                        </>
                      ) : null}
                    </th>
                    <td className="num ranking-table__score">{r.weightedMean === null ? <span className="muted">{t('prioritise.notScored')}</span> : fmt(r.weightedMean)}</td>
                    <td className="num">{r.spread ? `${r.spread.min}–${r.spread.max}` : '—'}</td>
                    <td className="num">{r.scorers}</td>
                    {view.constituencies.map((c) => (
                      <td key={c} className="num">
                        {fmt(r.byConstituency[c])}
                      </td>
                    ))}
                    <td className="num">{fmt(mine(r))}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
