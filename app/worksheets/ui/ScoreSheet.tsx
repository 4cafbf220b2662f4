import { useFetcher } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../../components/forms.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { changedFields } from '../../conflicts/merge.ts'
import { BaseFields } from '../../conflicts/ui/BaseFields.tsx'
import { chosenValue, ConflictChoices, type Choice } from '../../conflicts/ui/ConflictChoices.tsx'
import { useEditBase } from '../../conflicts/ui/useEditBase.ts'
import { formatNumber } from '../../utils/locales.ts'
import { signed } from '../scoring.ts'
import { type ItemActionData } from './ItemForm.tsx'
import { RecordName } from './RecordName.tsx'

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
 * criterion, and a small form per row that saves only this participant's own scores. Each row
 * edits from the scores it showed when the person started, so the same person saving from two
 * tabs or devices never silently undoes one of them (ADR 036).
 */
export function ScoreSheet({
  headingId,
  title,
  hint,
  subjectHeader,
  subjects,
  criteria,
  mine,
  teamMeans,
  hiddenFields,
  inputName = (k) => k,
}: Props) {
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
              <ScoreRow
                key={s.id}
                subject={s}
                criteria={criteria}
                values={mine[s.id] ?? {}}
                means={teamMeans?.[s.id]}
                hidden={hiddenFields(s.id)}
                inputName={inputName}
              />
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
  const answer = fetcher.data?.formId === formId ? fetcher.data : undefined
  const result = answer?.result
  const errors = result?.error ?? {}
  const conflict = answer?.conflict ?? null
  // Untouched, the row follows live refresh; once the person picks a score it keeps the scores it
  // started from, so a save from another tab is merged with it, not replaced by it (ADR 036).
  const [touched, setTouched] = useState(false)
  const base = useEditBase({ version: 0, data: values }, answer, { follow: !touched })
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [choicesFor, setChoicesFor] = useState(conflict)
  if (choicesFor !== conflict) {
    setChoicesFor(conflict)
    setChoices({})
  }
  const saved = fetcher.state === 'idle' && answer?.saved ? answer.saved : null
  const keys = criteria.map((c) => c.key)
  const changedElsewhere = !conflict && base !== null && changedFields(keys, base.data, values).length > 0
  // What each select shows: after a refused save my value or the chosen side, else what the row started from.
  const shown = (key: string) => (conflict ? chosenValue(conflict, choices, key) : base?.data[key])
  const text = (key: string, value: unknown) =>
    typeof value !== 'number' ? '–' : criteria.find((c) => c.key === key)?.signed ? signed(value) : String(value)
  const nameOf = (key: string) => criteria.find((c) => c.key === key)?.name ?? key
  return (
    <>
      <tr>
        <th scope="row">
          <RecordName code={subject.ref} words={subject.label} />
        </th>
        {criteria.map((c) => {
          const name = inputName(c.key)
          const fieldErrors = errors[name] ?? undefined
          const mean = means?.[c.key]
          const value = shown(c.key)
          return (
            <td key={c.key}>
              <select
                key={`${c.key}:${typeof value === 'number' ? value : ''}`}
                form={formId}
                name={name}
                defaultValue={typeof value === 'number' ? String(value) : ''}
                onChange={() => setTouched(true)}
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
              {mean !== null && mean !== undefined ? (
                <span className="cell-sub">
                  {t('scoring.teamMean', { value: formatNumber(mean, i18n.language, { maximumFractionDigits: 1 }) })}
                </span>
              ) : null}
              <FieldErrors id={`${formId}-${c.key}-error`} errors={fieldErrors ?? undefined} />
            </td>
          )
        })}
        <td>
          <fetcher.Form
            method="post"
            id={formId}
            className="row-actions"
            aria-label={t('scoring.scoresFor', { ref: subject.ref })}
            onSubmit={() => setTouched(true)}
          >
            <input type="hidden" name="formId" value={formId} />
            {Object.entries(hidden).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <BaseFields base={base} />
            <button
              type="submit"
              className="button button--small"
              disabled={fetcher.state !== 'idle'}
              aria-label={t('scoring.saveFor', { ref: subject.ref })}
            >
              {t('save')}
            </button>
            <span role="status" className="muted">
              {fetcher.state !== 'idle'
                ? t('saving')
                : saved
                  ? saved.mergedWith
                    ? t('scoring.savedMerged')
                    : t('scoring.saved')
                  : ''}
            </span>
          </fetcher.Form>
          {conflict ? null : <FormErrors errors={(errors[''] as string[] | undefined) ?? undefined} />}
          <FetcherSaveFailed fetcher={fetcher} />
        </td>
      </tr>
      {conflict || changedElsewhere ? (
        <tr className="score-sheet__notice">
          <td colSpan={criteria.length + 2}>
            {conflict ? (
              <ConflictChoices
                conflict={conflict}
                label={nameOf}
                render={(key, value) => text(key, value)}
                choices={choices}
                onChoose={(key, choice) => setChoices((all) => ({ ...all, [key]: choice }))}
                wording={{
                  intro: t('scoring.conflictIntro', { ref: subject.ref }),
                  mine: t('scoring.conflictMine'),
                  theirs: t('scoring.conflictTheirs'),
                }}
              />
            ) : (
              <p className="alert alert--info" role="status">
                {t('scoring.changedElsewhere', { ref: subject.ref })}
              </p>
            )}
          </td>
        </tr>
      ) : null}
    </>
  )
}
