import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../../components/forms.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { formatNumber } from '../../utils/locales.ts'
import { signed } from '../scoring.ts'
import { type ItemActionData } from './ItemForm.tsx'

/** A criterion as the score sheet shows it: its name, its scale and an optional explanation. */
export interface ScoreCriterion {
  key: string
  name: string
  min: number
  max: number
  hint?: string
  optional?: boolean
  /** Shows the scale with signs (−2 … +2). */
  signed?: boolean
}

/** Something a participant scores: a pair (2.2), a stakeholder (4.2), an intervention (5.2). */
export interface ScoreSubject {
  id: string
  ref: string
  label: string
}

interface Props {
  headingId: string
  title: string
  hint: string
  subjectHeader: string
  subjects: ScoreSubject[]
  criteria: ScoreCriterion[]
  /** The signed-in participant's own scores: subject id → criterion key → value. */
  mine: Record<string, Record<string, number>>
  /** The team's mean per subject and criterion, shown under each select. */
  teamMeans?: Record<string, Record<string, number | null | undefined>>
  /** The hidden fields the sub-step's action needs besides the scores (intent, subject id …). */
  hiddenFields: (subjectId: string) => Record<string, string>
  /** The posted name of a criterion's score (the criterion key unless given). */
  inputName?: (criterionKey: string) => string
}

/**
 * The "score" part of brainstorm → prioritise → map: one row per subject, one select per
 * criterion, and a small form per row that saves only this participant's own scores.
 */
export function ScoreSheet({ headingId, title, hint, subjectHeader, subjects, criteria, mine, teamMeans, hiddenFields, inputName = (k) => k }: Props) {
  const { t } = useTranslation('worksheets')
  return (
    <section className="worksheet" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="field__hint">{hint}</p>
      <div className="table-wrap">
        <table className="data-table score-sheet">
          <thead>
            <tr>
              <th scope="col">{subjectHeader}</th>
              {criteria.map((c) => (
                <th scope="col" key={c.key}>
                  {c.name}
                  <span className="cell-sub">
                    {c.signed ? `${signed(c.min)} … ${signed(c.max)}` : `${c.min} … ${c.max}`}
                    {c.optional ? ` · ${t('scoring.optional')}` : ''}
                  </span>
                </th>
              ))}
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {subjects.map((s) => (
              <ScoreRow key={s.id} subject={s} criteria={criteria} values={mine[s.id] ?? {}} means={teamMeans?.[s.id]} hidden={hiddenFields(s.id)} inputName={inputName} />
            ))}
          </tbody>
        </table>
      </div>
      {criteria.some((c) => c.hint) ? (
        <details className="score-sheet__help">
          <summary>{t('scoring.criteriaHelp')}</summary>
          <dl>
            {criteria
              .filter((c) => c.hint)
              .map((c) => (
                <div key={c.key}>
                  <dt>{c.name}</dt>
                  <dd>{c.hint}</dd>
                </div>
              ))}
          </dl>
        </details>
      ) : null}
    </section>
  )
}

function ScoreRow({
  subject,
  criteria,
  values,
  means,
  hidden,
  inputName,
}: {
  subject: ScoreSubject
  criteria: ScoreCriterion[]
  values: Record<string, number>
  means?: Record<string, number | null | undefined>
  hidden: Record<string, string>
  inputName: (key: string) => string
}) {
  const { t, i18n } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const formId = `score-${subject.id}`
  const result = fetcher.data?.formId === formId ? fetcher.data.result : undefined
  const errors = result?.error ?? {}
  const saved = fetcher.state === 'idle' && result !== undefined && result?.status !== 'error'
  return (
    <tr>
      <th scope="row">
        <strong>{subject.ref}</strong> {subject.label}
      </th>
      {criteria.map((c) => {
        const name = inputName(c.key)
        const fieldErrors = errors[name] ?? undefined
        const mean = means?.[c.key]
        return (
          <td key={c.key}>
            <select
              form={formId}
              name={name}
              defaultValue={values[c.key] === undefined ? '' : String(values[c.key])}
              aria-label={t('scoring.criterionFor', { criterion: c.name, ref: subject.ref })}
              aria-invalid={fieldErrors?.length ? true : undefined}
              aria-describedby={fieldErrors?.length ? `${formId}-${c.key}-error` : undefined}
            >
              <option value="">–</option>
              {Array.from({ length: c.max - c.min + 1 }, (_, i) => c.min + i).map((v) => (
                <option key={v} value={v}>
                  {c.signed ? signed(v) : v}
                </option>
              ))}
            </select>
            {mean !== null && mean !== undefined ? <span className="cell-sub">{t('scoring.teamMean', { value: formatNumber(mean, i18n.language, { maximumFractionDigits: 1 }) })}</span> : null}
            <FieldErrors id={`${formId}-${c.key}-error`} errors={fieldErrors ?? undefined} />
          </td>
        )
      })}
      <td>
        <fetcher.Form method="post" id={formId} className="row-actions" aria-label={t('scoring.scoresFor', { ref: subject.ref })}>
          <input type="hidden" name="formId" value={formId} />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" className="button button--small" disabled={fetcher.state !== 'idle'} aria-label={t('scoring.saveFor', { ref: subject.ref })}>
            {t('save')}
          </button>
          <span role="status" className="muted">
            {fetcher.state !== 'idle' ? t('saving') : saved ? t('scoring.saved') : ''}
          </span>
        </fetcher.Form>
        <FormErrors errors={(errors[''] as string[] | undefined) ?? undefined} />
        <FetcherSaveFailed fetcher={fetcher} />
      </td>
    </tr>
  )
}
