import { useTranslation } from 'react-i18next'
import { TRIPARTITE } from '#core/vocabulary.ts'
import { formatNumber } from '../../utils/locales.ts'
import { aggregateScores } from '../../worksheets/scoring.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { DecisionBadge, SelectionForm } from './InterventionSelection.tsx'
import { RankingTable } from '../../worksheets/ui/RankingTable.tsx'
import { ScoreSheet } from '../../worksheets/ui/ScoreSheet.tsx'
import { type PanelProps } from '../define-panels.ts'
import { type interventionPriorities } from './substep.server.ts'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'

/** What the 5.2 loader sends: the criteria, the ranking, my scores, every scorer's, the decisions. */
type PrioritiesData = PanelProps<typeof interventionPriorities>['extra']

/** 5.2: each participant's scores, the ranking (cost reversed), who thinks what, and the selection. */
export function InterventionPrioritiesPanel({
  worksheet,
  extra: d,
  abilities,
}: PanelProps<typeof interventionPriorities>) {
  const { t } = useTranslation('worksheets')
  const interventions = worksheet.items.intervention ?? []
  const byId = new Map(interventions.map((i) => [i.id, i]))
  if (interventions.length === 0) return <p className="empty-state">{t('priorities.noInterventions')}</p>
  return (
    <>
      <Ranking data={d} byId={byId} />
      <ByParticipant data={d} interventions={interventions} />
      {abilities['worksheet:score'] ? (
        <ScoreSheet
          headingId="score-sheet-heading"
          title={t('priorities.yourScores')}
          hint={t('priorities.yourScoresHint')}
          subjectHeader={t('kinds.intervention.fields.title')}
          subjects={interventions.map((i) => ({ id: i.id, ref: i.ref, label: String(i.data.title ?? '') }))}
          criteria={d.criteria.map((c) => ({
            key: c.key,
            name: t(`interventionCriteria.${c.key}`),
            min: c.min ?? 1,
            max: c.max ?? 5,
          }))}
          mine={d.mine}
          teamMeans={Object.fromEntries(d.ranking.map((s) => [s.subjectId, s.byCriterion]))}
          hiddenFields={(subject) => ({ intent: 'score:save', subject })}
        />
      ) : null}
      <section className="worksheet" aria-labelledby="selection-heading">
        <h3 id="selection-heading">{t('selection.title')}</h3>
        <p className="field__hint">{t('selection.hint')}</p>
        <ul className="selection-list">
          {d.ranking.map((s) => {
            const item = byId.get(s.subjectId)!
            return (
              <li key={item.id} className="selection-list__item">
                <SelectionForm
                  item={item}
                  selection={d.selections[item.id] ?? null}
                  canEdit={abilities['worksheet:edit'] === true}
                />
              </li>
            )
          })}
        </ul>
      </section>
    </>
  )
}

function Ranking({ data: d, byId }: { data: PrioritiesData; byId: Map<string, WorksheetItemView> }) {
  const { t, i18n } = useTranslation('worksheets')
  const fmt = (v: number | null | undefined) =>
    v === null || v === undefined
      ? '—'
      : formatNumber(v, i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const rows = d.ranking.map((s) => {
    const item = byId.get(s.subjectId)!
    return {
      id: item.id,
      ref: item.ref,
      label: String(item.data.title ?? ''),
      sub: item.data.interventionType ? t(`options.interventionType.${String(item.data.interventionType)}`) : undefined,
      score: s,
      selected: d.selections[item.id]?.decision === 'selected',
    }
  })
  return (
    <RankingTable
      headingId="ranking-heading"
      title={t('priorities.rankingTitle')}
      hint={t('priorities.rankingHint')}
      subjectHeader={t('kinds.intervention.fields.title')}
      rows={rows}
      constituencies={TRIPARTITE}
      className="vrank-table"
      columns={[
        {
          header: t('selection.decision'),
          cell: (row) => {
            const decision = d.selections[row.id]?.decision
            return decision ? (
              <DecisionBadge decision={decision} />
            ) : (
              <span className="muted">{t('selection.undecided')}</span>
            )
          },
        },
      ]}
    >
      <p className="field__hint">{t('priorities.costNote')}</p>
      <CriterionMeans data={d} byId={byId} fmt={fmt} />
    </RankingTable>
  )
}

/** The mean of each criterion as scored (cost not reversed), per intervention in rank order. */
function CriterionMeans({
  data: d,
  byId,
  fmt,
}: {
  data: PrioritiesData
  byId: Map<string, WorksheetItemView>
  fmt: (v: number | null | undefined) => string
}) {
  const { t } = useTranslation('worksheets')
  return (
    <details className="by-participant">
      <summary>{t('priorities.criterionMeans')}</summary>
      <div className="table-wrap">
        <table className="data-table vrank-table">
          <thead>
            <tr>
              <th scope="col">{t('ref')}</th>
              {d.criteria.map((c) => (
                <th scope="col" key={c.key} className="num">
                  {t(`interventionCriteria.${c.key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.ranking.map((s) => (
              <tr key={s.subjectId}>
                <th scope="row">
                  <RecordName
                    code={byId.get(s.subjectId)?.ref ?? '?'}
                    words={String(byId.get(s.subjectId)?.data.title ?? '')}
                  />
                </th>
                {d.criteria.map((c) => (
                  <td key={c.key} className="num">
                    {fmt(s.byCriterion[c.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

/** Every participant's weighted mean per intervention, so disagreement stays visible. */
function ByParticipant({ data: d, interventions }: { data: PrioritiesData; interventions: WorksheetItemView[] }) {
  const { t, i18n } = useTranslation('worksheets')
  if (d.scorers.length === 0) return null
  return (
    <details className="worksheet by-participant">
      <summary>{t('priorities.byParticipant', { count: d.scorers.length })}</summary>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('priorities.participant')}</th>
              {interventions.map((i) => (
                <th scope="col" key={i.id} className="num">
                  <RecordName code={i.ref} words={String(i.data.title ?? '')} clamp />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.scorers.map((s) => {
              const rows = Object.entries(s.values).flatMap(([subject, values]) =>
                Object.entries(values).map(([criterion, value]) => ({
                  subject_id: subject,
                  criterion,
                  value,
                  scorer_id: s.name,
                  constituency: s.constituency,
                })),
              )
              const means = new Map(
                aggregateScores(
                  interventions.map((i) => i.id),
                  rows,
                  d.criteria,
                ).map((a) => [a.subjectId, a.weightedMean]),
              )
              return (
                <tr key={`${s.name}-${s.organisation}`}>
                  <th scope="row">
                    {s.name}
                    <span className="muted"> · {s.organisation ?? t(`common:constituency.${s.constituency}`)}</span>
                  </th>
                  {interventions.map((i) => {
                    const m = means.get(i.id)
                    return (
                      <td key={i.id} className="num">
                        {m === null || m === undefined
                          ? '—'
                          : formatNumber(m, i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
                      </td>
                    )
                  })}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </details>
  )
}
