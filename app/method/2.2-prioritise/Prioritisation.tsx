import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { aggregateScores } from '../../worksheets/scoring.ts'
import { criterionSpec, DEFAULT_CRITERIA, SCORE_MAX, SCORE_MIN, type RankedPair } from './worksheet.ts'
import { type LinkOption, type WorksheetItemView } from '../../worksheets/types.ts'
import { type PanelProps } from '../define-panels.ts'
import { type prioritise } from './substep.server.ts'
import { PriorityDecision } from './PriorityDecision.tsx'
import { RankingTable } from '../../worksheets/ui/RankingTable.tsx'
import { ScoreSheet } from '../../worksheets/ui/ScoreSheet.tsx'
import { WorksheetList } from '../../worksheets/ui/WorksheetList.tsx'
import { recordWords } from '../../worksheets/recordName.ts'
import { optionWords } from '../../worksheets/ui/optionWords.ts'

/** The name of a criterion as people read it: the lead's own wording, else the method's name. */
export function useCriterionName() {
  const { t } = useTranslation('worksheets')
  return (c: WorksheetItemView) =>
    typeof c.data.name === 'string' && c.data.name
      ? c.data.name
      : t(`options.criterionKey.${String(c.data.criterionKey)}`)
}

/** A pair's words: its issue's and its target's, as every other place names a pair (ADR 057). */
export function pairWords(pair: { issueId: string; targetId: string }, options: Record<string, LinkOption[]>) {
  const wordsOf = optionWords(options)
  return recordWords('pair', undefined, { issue: pair.issueId, target: pair.targetId }, wordsOf)
}

/** 2.2, above the pairs: the criteria and weights, edited by the lead only. */
export function CriteriaPanel({ extra: view, worksheet, abilities }: PanelProps<typeof prioritise>) {
  const { t } = useTranslation('worksheets')
  return (
    <div className="criteria-panel">
      <WorksheetList
        spec={criterionSpec}
        items={view.criteria}
        options={worksheet.options}
        canEdit={abilities['plan:update'] === true}
      />
      <p className="field__hint">{t('prioritise.leadOnly')}</p>
    </div>
  )
}

/** 2.2, below the pairs: the ranking with spread and constituency means, own scores, the decision. */
export function PrioritisationPanel({ extra: view, worksheet, abilities }: PanelProps<typeof prioritise>) {
  const { t, i18n } = useTranslation('worksheets')
  const criterionName = useCriterionName()
  const canScore = abilities['worksheet:score'] === true
  const pairOptions: LinkOption[] = view.ranking.map((r) => ({
    id: r.pairId,
    ref: r.ref,
    label: pairWords(r, worksheet.options),
  }))
  const selected = new Set(Array.isArray(view.decision?.data.pairs) ? (view.decision.data.pairs as string[]) : [])
  const weights = view.criteria.map((c) => ({
    key: c.id,
    weight: typeof c.data.weight === 'number' ? c.data.weight : 1,
  }))
  // This participant's own weighted mean, from their own scores only.
  const mine = (r: RankedPair) => {
    const rows = Object.entries(view.myScores[r.pairId] ?? {}).map(([criterion, value]) => ({
      subject_id: r.pairId,
      criterion,
      value,
      scorer_id: 'me',
      constituency: 'me',
    }))
    return aggregateScores([r.pairId], rows, weights)[0]!.weightedMean
  }
  const rows = view.ranking.map((r) => ({
    id: r.pairId,
    ref: r.ref,
    label: pairWords(r, worksheet.options),
    score: r,
    selected: selected.has(r.pairId),
  }))
  const byId = new Map(view.ranking.map((r) => [r.pairId, r]))
  return (
    <>
      {view.ranking.length === 0 ? (
        <p className="empty-state">{t('prioritise.noPairs')}</p>
      ) : (
        <RankingTable
          headingId="ranking-heading"
          title={t('prioritise.rankingTitle')}
          hint={t('prioritise.rankingHint')}
          subjectHeader={t('prioritise.pair')}
          rows={rows}
          constituencies={view.constituencies}
          columns={[
            {
              header: t('prioritise.yourMean'),
              cell: (row) => <span className="num">{fmtMean(mine(byId.get(row.id)!), i18n.language)}</span>,
            },
            {
              header: t('prioritise.decision'),
              cell: (row) =>
                row.selected ? <span className="decision decision--selected">{t('prioritise.selected')}</span> : null,
            },
          ]}
        />
      )}
      {view.ranking.length > 0 && canScore ? (
        <ScoreSheet
          headingId="my-scores-heading"
          title={t('prioritise.yourScore')}
          hint={t('prioritise.scaleHint')}
          subjectHeader={t('prioritise.pair')}
          subjects={view.ranking.map((r) => ({
            id: r.pairId,
            ref: r.ref,
            label: pairWords(r, worksheet.options),
          }))}
          criteria={view.criteria.map((c) => {
            const key = String(c.data.criterionKey)
            return {
              key: c.id,
              name: criterionName(c),
              min: SCORE_MIN,
              max: SCORE_MAX,
              hint: (DEFAULT_CRITERIA as readonly string[]).includes(key)
                ? t(`prioritise.criterionHelp.${key}`)
                : undefined,
            }
          })}
          mine={view.myScores}
          teamMeans={Object.fromEntries(view.ranking.map((r) => [r.pairId, r.byCriterion]))}
          hiddenFields={(pairId) => ({ intent: 'score:save', pairId })}
          inputName={(criterionId) => `score.${criterionId}`}
        />
      ) : view.ranking.length > 0 ? (
        <p className="field__hint">{t('prioritise.readOnly')}</p>
      ) : null}
      <PriorityDecision
        decision={view.decision}
        options={{ ...worksheet.options, pair: pairOptions }}
        canRecord={abilities['plan:update'] === true}
      />
    </>
  )
}

function fmtMean(v: number | null, language: string) {
  return v === null ? '—' : formatNumber(v, language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}
