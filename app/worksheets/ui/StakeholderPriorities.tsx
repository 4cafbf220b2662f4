import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../../components/forms.tsx'
import { formatNumber } from '../../utils/locales.ts'
import { placementOf, quadrant, STAKEHOLDER_CRITERIA, type Placement, type StakeholderScores } from '../step4.ts'
import { type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'
import { type SubstepPanelProps } from './panels.tsx'
import { signed, StakeholderGrid } from './StakeholderGrid.tsx'

const range = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i)

/** 4.2: mean scores with spread and by constituency, the grid, the team's placement and one's own scores. */
export function StakeholderPrioritiesPanel({ worksheet, extra, abilities }: SubstepPanelProps) {
  const { t } = useTranslation('worksheets')
  const scores = extra as StakeholderScores
  const stakeholders = worksheet.items.stakeholder ?? []
  if (stakeholders.length === 0) return <p className="empty-state">{t('stakeholderScores.none')}</p>
  const placements: Record<string, Placement | null> = Object.fromEntries(stakeholders.map((s) => [s.id, placementOf(s.data, { influence: scores.summary[s.id]?.influence?.mean ?? null, alignment: scores.summary[s.id]?.alignment?.mean ?? null })]))
  const canEdit = abilities['worksheet:edit'] === true
  return (
    <>
      <SummaryTable stakeholders={stakeholders} scores={scores} placements={placements} />
      <StakeholderGrid stakeholders={stakeholders} placements={placements} canEdit={canEdit} />
      {canEdit ? <PlacementTable stakeholders={stakeholders} /> : null}
      {abilities['worksheet:score'] ? <MyScores stakeholders={stakeholders} mine={scores.mine} /> : null}
    </>
  )
}

function SummaryTable({ stakeholders, scores, placements }: { stakeholders: WorksheetItemView[]; scores: StakeholderScores; placements: Record<string, Placement | null> }) {
  const { t, i18n } = useTranslation('worksheets')
  // Accessibility is optional: its column shows only once someone has scored it.
  const criteria = STAKEHOLDER_CRITERIA.filter((c) => !c.optional || stakeholders.some((s) => scores.summary[s.id]?.[c.key]?.mean != null))
  const num = (v: number | null | undefined, sign = false) => (v === null || v === undefined ? '—' : formatNumber(v, i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: sign ? 'exceptZero' : 'auto' }))
  return (
    <section className="worksheet" aria-labelledby="stakeholder-scores-heading">
      <h3 id="stakeholder-scores-heading">{t('stakeholderScores.title')}</h3>
      <p className="field__hint">{t('stakeholderScores.hint')}</p>
      <div className="table-wrap">
        <table className="data-table stakeholder-scores">
          <thead>
            <tr>
              <th scope="col">{t('ref')}</th>
              <th scope="col">{t('kinds.stakeholder.fields.name')}</th>
              {criteria.map((c) => (
                <th scope="col" key={c.key} className="num">
                  {t(`stakeholderScores.criteria.${c.key}`)}
                  <span className="cell-sub">{t('stakeholderScores.scale', { min: signedOrPlain(c.min, c.key), max: signedOrPlain(c.max, c.key) })}</span>
                </th>
              ))}
              <th scope="col">{t('stakeholderScores.byConstituency')}</th>
              <th scope="col" className="num">
                {t('stakeholderScores.scorers')}
              </th>
              <th scope="col">{t('stakeholderScores.placement')}</th>
            </tr>
          </thead>
          <tbody>
            {stakeholders.map((s) => {
              const sum = scores.summary[s.id] ?? {}
              const p = placements[s.id]
              return (
                <tr key={s.id}>
                  <th scope="row">{s.ref}</th>
                  <td className="stakeholder-scores__name">
                    {String(s.data.name ?? '')}
                    <span className="cell-sub">{t(`options.category.${String(s.data.category)}`)}</span>
                  </td>
                  {criteria.map((c) => {
                    const x = sum[c.key]
                    return (
                      <td key={c.key} className="num">
                        {num(x?.mean, c.key === 'alignment')}
                        {x?.spread ? <span className="cell-sub">{t('stakeholderScores.spread', { min: signedOrPlain(x.spread.min, c.key), max: signedOrPlain(x.spread.max, c.key) })}</span> : null}
                      </td>
                    )
                  })}
                  <td>
                    <ul className="by-constituency">
                      {scores.constituencies
                        .filter((k) => sum.influence?.byConstituency[k] !== undefined || sum.alignment?.byConstituency[k] !== undefined)
                        .map((k) => (
                          <li key={k}>
                            <abbr title={t(`common:constituency.${k}`)}>{t(`stakeholderScores.constituencyShort.${k}`)}</abbr>: {t('stakeholderScores.ia', { influence: num(sum.influence?.byConstituency[k]), alignment: num(sum.alignment?.byConstituency[k], true) })}
                          </li>
                        ))}
                    </ul>
                  </td>
                  <td className="num">{scores.scorers[s.id] ?? 0}</td>
                  <td>
                    {p ? (
                      <>
                        <strong className={`quadrant quadrant--${quadrant(p.influence, p.alignment)}`}>{t(`quadrant.${quadrant(p.influence, p.alignment)}`)}</strong>
                        <span className="cell-sub">{p.source === 'agreed' ? t('stakeholderScores.agreedAt', { influence: p.influence, alignment: signed(p.alignment) }) : t('stakeholderScores.fromMeans')}</span>
                      </>
                    ) : (
                      <span className="muted">{t('stakeholderScores.notPlaced')}</span>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function signedOrPlain(v: number, key: string) {
  return key === 'alignment' ? signed(v) : String(v)
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
              {s.ref} · {String(s.data.name ?? '')}
            </span>
            <PlacementForm stakeholder={s} />
          </li>
        ))}
      </ul>
    </section>
  )
}

function PlacementForm({ stakeholder }: { stakeholder: WorksheetItemView }) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const formId = `place-${stakeholder.id}`
  const result = fetcher.data?.formId === formId ? fetcher.data : undefined
  const d = stakeholder.data
  return (
    <fetcher.Form method="post" className="placement-form" aria-label={t('stakeholderScores.placeLabel', { ref: stakeholder.ref })}>
      <input type="hidden" name="intent" value="stakeholder:place" />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="id" value={stakeholder.id} />
      <input type="hidden" name="version" value={result?.conflict?.version ?? stakeholder.version} />
      <select key={`i${stakeholder.version}`} name="agreedInfluence" defaultValue={d.agreedInfluence === undefined ? '' : String(d.agreedInfluence)} aria-label={t('stakeholderScores.agreedInfluenceOf', { ref: stakeholder.ref })}>
        <option value="">{t('stakeholderScores.influenceShort')} —</option>
        {range(1, 5).map((v) => (
          <option key={v} value={v}>
            {t('stakeholderScores.influenceShort')} {v}
          </option>
        ))}
      </select>
      <select key={`a${stakeholder.version}`} name="agreedAlignment" defaultValue={d.agreedAlignment === undefined ? '' : String(d.agreedAlignment)} aria-label={t('stakeholderScores.agreedAlignmentOf', { ref: stakeholder.ref })}>
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
      <FormErrors
        errors={
          result?.result?.error
            ? Object.values(result.result.error)
                .flat()
                .filter((e): e is string => typeof e === 'string')
            : undefined
        }
      />
    </fetcher.Form>
  )
}

function MyScores({ stakeholders, mine }: { stakeholders: WorksheetItemView[]; mine: Record<string, Record<string, number>> }) {
  const { t } = useTranslation('worksheets')
  return (
    <section className="worksheet" aria-labelledby="my-stakeholder-scores-heading">
      <h3 id="my-stakeholder-scores-heading">{t('stakeholderScores.mine')}</h3>
      <p className="field__hint">{t('stakeholderScores.mineHint')}</p>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('kinds.stakeholder.fields.name')}</th>
              {STAKEHOLDER_CRITERIA.map((c) => (
                <th scope="col" key={c.key}>
                  {t(`stakeholderScores.criteria.${c.key}`)}
                  {c.optional ? <span className="cell-sub">{t('stakeholderScores.optional')}</span> : null}
                </th>
              ))}
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {stakeholders.map((s) => (
              <ScoreRow key={s.id} stakeholder={s} values={mine[s.id] ?? {}} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function ScoreRow({ stakeholder, values }: { stakeholder: WorksheetItemView; values: Record<string, number> }) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const formId = `score-${stakeholder.id}`
  const result = fetcher.data?.formId === formId ? fetcher.data : undefined
  const errors = result?.result?.error ?? {}
  const saved = fetcher.state === 'idle' && result?.result?.status === 'success'
  return (
    <tr>
      <th scope="row">
        {stakeholder.ref} · {String(stakeholder.data.name ?? '')}
      </th>
      {STAKEHOLDER_CRITERIA.map((c) => (
        <td key={c.key}>
          <select
            form={formId}
            name={c.key}
            defaultValue={values[c.key] === undefined ? '' : String(values[c.key])}
            aria-label={t('stakeholderScores.scoreOf', { criterion: t(`stakeholderScores.criteria.${c.key}`), ref: stakeholder.ref })}
            aria-invalid={errors[c.key]?.length ? true : undefined}
          >
            <option value="">—</option>
            {range(c.min, c.max).map((v) => (
              <option key={v} value={v}>
                {c.key === 'alignment' ? signed(v) : v}
              </option>
            ))}
          </select>
          <FieldErrors errors={errors[c.key] ?? undefined} />
        </td>
      ))}
      <td>
        <fetcher.Form method="post" id={formId} className="row-actions">
          <input type="hidden" name="intent" value="score:save" />
          <input type="hidden" name="formId" value={formId} />
          <input type="hidden" name="id" value={stakeholder.id} />
          <button type="submit" className="button button--small" disabled={fetcher.state !== 'idle'} aria-label={t('stakeholderScores.saveFor', { ref: stakeholder.ref })}>
            {t('save')}
          </button>
          {saved ? <span role="status">{t('stakeholderScores.saved')}</span> : null}
        </fetcher.Form>
        <FormErrors errors={(errors[''] as string[] | undefined) ?? undefined} />
      </td>
    </tr>
  )
}
