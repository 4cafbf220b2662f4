import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '../../components/forms.tsx'
import { type Criterion } from '../scoring.ts'
import { type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'

/** The signed-in participant's own scores, one small form per intervention (nobody else's are touched). */
export function ScoreSheet({ criteria, interventions, mine }: { criteria: Criterion[]; interventions: WorksheetItemView[]; mine: Record<string, Record<string, number>> }) {
  const { t } = useTranslation('worksheets')
  return (
    <section className="worksheet" aria-labelledby="score-sheet-heading">
      <h3 id="score-sheet-heading">{t('priorities.yourScores')}</h3>
      <p className="field__hint">{t('priorities.yourScoresHint')}</p>
      <div className="score-sheet" role="group" aria-labelledby="score-sheet-heading">
        <div className="score-sheet__row score-sheet__head" aria-hidden="true">
          <span>{t('kinds.intervention.fields.title')}</span>
          {criteria.map((c) => (
            <span key={c.key}>{t(`interventionCriteria.${c.key}`)}</span>
          ))}
          <span />
        </div>
        {interventions.map((item) => (
          <ScoreRow key={item.id} item={item} criteria={criteria} values={mine[item.id] ?? {}} />
        ))}
      </div>
    </section>
  )
}

function ScoreRow({ item, criteria, values }: { item: WorksheetItemView; criteria: Criterion[]; values: Record<string, number> }) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const formId = `score-${item.id}`
  const result = fetcher.data?.formId === formId ? fetcher.data.result : undefined
  const errors = result?.error ?? {}
  const saved = fetcher.state === 'idle' && result !== undefined && result?.status !== 'error'
  return (
    <fetcher.Form method="post" className="score-sheet__row" aria-label={t('priorities.scoreFor', { ref: item.ref })}>
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="intent" value="score:save" />
      <input type="hidden" name="subject" value={item.id} />
      <span className="score-sheet__title">
        <strong>{item.ref}</strong> {String(item.data.title ?? '')}
      </span>
      {criteria.map((c) => (
        <span key={c.key} className="score-sheet__cell">
          <select
            name={c.key}
            defaultValue={values[c.key] === undefined ? '' : String(values[c.key])}
            aria-label={t('priorities.criterionFor', { criterion: t(`interventionCriteria.${c.key}`), ref: item.ref })}
            aria-invalid={errors[c.key]?.length ? true : undefined}
          >
            <option value="">–</option>
            {[1, 2, 3, 4, 5].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </span>
      ))}
      <span className="score-sheet__actions">
        <button type="submit" className="button button--small" disabled={fetcher.state !== 'idle'}>
          {t('save')}
        </button>
        <span role="status" className="muted">
          {fetcher.state !== 'idle' ? t('saving') : saved ? t('priorities.saved') : ''}
        </span>
      </span>
      <FormErrors errors={Object.values(errors).flatMap((e) => e ?? [])} />
    </fetcher.Form>
  )
}
