import { useFetcher } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '../../components/forms.tsx'
import { BaseFields } from '../../conflicts/ui/BaseFields.tsx'
import { chosenValue, ConflictChoices, type Choice } from '../../conflicts/ui/ConflictChoices.tsx'
import { useEditBase } from '../../conflicts/ui/useEditBase.ts'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { formatNumber } from '../../utils/locales.ts'
import { signed } from '../../worksheets/scoring.ts'
import { placementOf, quadrant, type Placement } from '../../worksheets/stakeholderGrid.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { type ItemActionData } from '../../worksheets/ui/ItemForm.tsx'
import { RankingTable } from '../../worksheets/ui/RankingTable.tsx'
import { ScoreSheet, type ScoreCriterion } from '../../worksheets/ui/ScoreSheet.tsx'
import { StakeholderGrid } from '../../worksheets/ui/StakeholderGrid.tsx'
import { type PanelProps } from '../define-panels.ts'
import { type stakeholderPriorities } from './substep.server.ts'
import { STAKEHOLDER_CRITERIA, type StakeholderScores } from './worksheet.ts'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'

const range = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i)

/** 4.2: mean scores with spread and by constituency, the grid, the team's placement and one's own scores. */
export function StakeholderPrioritiesPanel({
  worksheet,
  extra: scores,
  abilities,
}: PanelProps<typeof stakeholderPriorities>) {
  const { t } = useTranslation('worksheets')
  const stakeholders = worksheet.items.stakeholder ?? []
  if (stakeholders.length === 0) return <p className="empty-state">{t('stakeholderScores.none')}</p>
  const placements: Record<string, Placement | null> = Object.fromEntries(
    stakeholders.map((s) => [
      s.id,
      placementOf(s.data, {
        influence: scores.summary[s.id]?.influence?.mean ?? null,
        alignment: scores.summary[s.id]?.alignment?.mean ?? null,
      }),
    ]),
  )
  const canEdit = abilities['worksheet:edit'] === true
  return (
    <>
      <SummaryTable stakeholders={stakeholders} scores={scores} placements={placements} />
      <StakeholderGrid stakeholders={stakeholders} placements={placements} canEdit={canEdit} />
      {canEdit ? <PlacementTable stakeholders={stakeholders} /> : null}
      {abilities['worksheet:score'] ? (
        <ScoreSheet
          headingId="my-stakeholder-scores-heading"
          title={t('stakeholderScores.mine')}
          hint={t('stakeholderScores.mineHint')}
          subjectHeader={t('kinds.stakeholder.fields.name')}
          subjects={stakeholders.map((s) => ({ id: s.id, ref: s.ref, label: String(s.data.name ?? '') }))}
          criteria={STAKEHOLDER_CRITERIA.map((c) => ({
            ...scoreCriterion(c),
            name: t(`stakeholderScores.criteria.${c.key}`),
          }))}
          mine={scores.mine}
          hiddenFields={(id) => ({ intent: 'score:save', id })}
        />
      ) : null}
    </>
  )
}

const scoreCriterion = (c: (typeof STAKEHOLDER_CRITERIA)[number]): Omit<ScoreCriterion, 'name'> => ({
  key: c.key,
  min: c.min,
  max: c.max,
  optional: c.optional,
  signed: c.key === 'alignment',
})

function SummaryTable({
  stakeholders,
  scores,
  placements,
}: {
  stakeholders: WorksheetItemView[]
  scores: StakeholderScores
  placements: Record<string, Placement | null>
}) {
  const { t, i18n } = useTranslation('worksheets')
  // Accessibility is optional: its column shows only once someone has scored it.
  const criteria = STAKEHOLDER_CRITERIA.filter(
    (c) => !c.optional || stakeholders.some((s) => scores.summary[s.id]?.[c.key]?.mean != null),
  ).map((c) => ({ ...scoreCriterion(c), name: t(`stakeholderScores.criteria.${c.key}`) }))
  const num = (v: number | null | undefined, sign = false) =>
    v === null || v === undefined
      ? '—'
      : formatNumber(v, i18n.language, {
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
          signDisplay: sign ? 'exceptZero' : 'auto',
        })
  const byId = new Map(stakeholders.map((s) => [s.id, s]))
  const rows = stakeholders.map((s) => {
    const sum = scores.summary[s.id] ?? {}
    return {
      id: s.id,
      ref: s.ref,
      label: String(s.data.name ?? ''),
      sub: t(`options.category.${String(s.data.category)}`),
      score: {
        weightedMean: null,
        spread: null,
        byConstituency: {},
        scorers: scores.scorers[s.id] ?? 0,
        byCriterion: Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, v.mean])),
      },
      criterionSpread: Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, v.spread])),
    }
  })
  return (
    <RankingTable
      headingId="stakeholder-scores-heading"
      title={t('stakeholderScores.title')}
      hint={t('stakeholderScores.hint')}
      subjectHeader={t('kinds.stakeholder.fields.name')}
      rows={rows}
      ranked={false}
      criteria={criteria}
      constituencies={scores.constituencies}
      className="stakeholder-scores"
      constituencyCell={(row, k) => {
        const sum = scores.summary[row.id] ?? {}
        if (sum.influence?.byConstituency[k] === undefined && sum.alignment?.byConstituency[k] === undefined) return '—'
        return t('stakeholderScores.ia', {
          influence: num(sum.influence?.byConstituency[k]),
          alignment: num(sum.alignment?.byConstituency[k], true),
        })
      }}
      columns={[
        {
          header: t('stakeholderScores.placement'),
          cell: (row) => {
            const p = placements[row.id]
            if (!p || !byId.has(row.id)) return <span className="muted">{t('stakeholderScores.notPlaced')}</span>
            return (
              <>
                <strong className={`quadrant quadrant--${quadrant(p.influence, p.alignment)}`}>
                  {t(`quadrant.${quadrant(p.influence, p.alignment)}`)}
                </strong>
                <span className="cell-sub">
                  {p.source === 'agreed'
                    ? t('stakeholderScores.agreedAt', { influence: p.influence, alignment: signed(p.alignment) })
                    : t('stakeholderScores.fromMeans')}
                </span>
              </>
            )
          },
        },
      ]}
    >
      <p className="field__hint">{t('stakeholderScores.byConstituency')}</p>
    </RankingTable>
  )
}

/** The keyboard way to record the team's placement (the same as dragging on the grid). */
function PlacementTable({ stakeholders }: { stakeholders: WorksheetItemView[] }) {
  const { t } = useTranslation('worksheets')
  return (
    <section className="worksheet" aria-labelledby="placement-heading">
      <h3 id="placement-heading">{t('stakeholderScores.placementTitle')}</h3>
      <p className="field__hint">{t('stakeholderScores.placementHint')}</p>
      <ul className="placement-list">
        {stakeholders.map((s) => (
          <li key={s.id}>
            <span className="placement-list__name">
              <RecordName code={s.ref} words={String(s.data.name ?? '')} />
            </span>
            <PlacementForm stakeholder={s} />
          </li>
        ))}
      </ul>
    </section>
  )
}

const PLACEMENT = ['agreedInfluence', 'agreedAlignment']

function PlacementForm({ stakeholder }: { stakeholder: WorksheetItemView }) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const formId = `place-${stakeholder.id}`
  const result = fetcher.data?.formId === formId ? fetcher.data : undefined
  // Untouched, the form follows live refresh; once the person picks a value it keeps what they opened (ADR 036).
  const [touched, setTouched] = useState(false)
  const base = useEditBase(stakeholder, result, { follow: !touched })
  const conflict = result?.conflict ?? null
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  // After a refused save the selects hold my values (or theirs where chosen), next to both values.
  const d = conflict
    ? Object.fromEntries(PLACEMENT.map((f) => [f, chosenValue(conflict, choices, f)]))
    : (base?.data ?? stakeholder.data)
  const version = `${conflict?.version ?? base?.version ?? stakeholder.version}-${choices.agreedInfluence ?? ''}${choices.agreedAlignment ?? ''}`
  return (
    <fetcher.Form
      method="post"
      className="placement-form"
      aria-label={t('stakeholderScores.placeLabel', { ref: stakeholder.ref })}
      onChange={() => setTouched(true)}
      onSubmit={() => setTouched(false)}
    >
      <input type="hidden" name="intent" value="stakeholder:place" />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="id" value={stakeholder.id} />
      <BaseFields base={base} />
      <select
        key={`i${version}`}
        name="agreedInfluence"
        defaultValue={d.agreedInfluence === undefined ? '' : String(d.agreedInfluence)}
        aria-label={t('stakeholderScores.agreedInfluenceOf', { ref: stakeholder.ref })}
      >
        <option value="">{t('stakeholderScores.influenceShort')} —</option>
        {range(1, 5).map((v) => (
          <option key={v} value={v}>
            {t('stakeholderScores.influenceShort')} {v}
          </option>
        ))}
      </select>
      <select
        key={`a${version}`}
        name="agreedAlignment"
        defaultValue={d.agreedAlignment === undefined ? '' : String(d.agreedAlignment)}
        aria-label={t('stakeholderScores.agreedAlignmentOf', { ref: stakeholder.ref })}
      >
        <option value="">{t('stakeholderScores.alignmentShort')} —</option>
        {range(-2, 2).map((v) => (
          <option key={v} value={v}>
            {t('stakeholderScores.alignmentShort')} {signed(v)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small" disabled={fetcher.state !== 'idle'}>
        {t('save')}
      </button>
      {conflict ? (
        <ConflictChoices
          conflict={conflict}
          label={(f) =>
            t(f === 'agreedInfluence' ? 'stakeholderScores.agreedInfluenceOf' : 'stakeholderScores.agreedAlignmentOf', {
              ref: stakeholder.ref,
            })
          }
          render={(_f, v) => (typeof v === 'number' ? signed(v) : '—')}
          choices={choices}
          onChoose={(f, c) => setChoices((all) => ({ ...all, [f]: c }))}
        />
      ) : null}
      <FormErrors
        errors={
          result?.result?.error
            ? Object.values(result.result.error)
                .flat()
                .filter((e): e is string => typeof e === 'string')
            : undefined
        }
      />
      <FetcherSaveFailed fetcher={fetcher} />
    </fetcher.Form>
  )
}
