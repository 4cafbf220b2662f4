import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../../components/forms.tsx'
import { formatNumber } from '../../utils/locales.ts'
import { DEFAULT_CRITERIA, SCORE_MAX, SCORE_MIN, type RankedPair } from '../step2.ts'
import { type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'
import { useCriterionName } from './Prioritisation.tsx'

const SCALE = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i)

/** The signed-in participant's scores for one pair: one select per criterion, beside the team mean. */
export function PairScoreForm({ pair, label, criteria, mine }: { pair: RankedPair; label: string; criteria: WorksheetItemView[]; mine: Record<string, number> }) {
  const { t, i18n } = useTranslation('worksheets')
  const criterionName = useCriterionName()
  const fetcher = useFetcher<ItemActionData>()
  const formId = `score-${pair.pairId}`
  const result = fetcher.data?.formId === formId ? fetcher.data.result : undefined
  const errors = result?.error ?? {}
  const saved = fetcher.state === 'idle' && result !== undefined && result?.status !== 'error'
  const scored = Object.keys(mine).length
  const headingId = `${formId}-heading`
  return (
    <details className="pair-score" open={scored < criteria.length && scored > 0 ? true : undefined}>
      <summary>
        <span id={headingId}>{t('prioritise.scoresFor', { pair: label })}</span>{' '}
        <span className="muted">
          ({scored}/{criteria.length})
        </span>
      </summary>
      <fetcher.Form method="post" aria-labelledby={headingId} className="pair-score__form">
        <input type="hidden" name="formId" value={formId} />
        <input type="hidden" name="intent" value="score:save" />
        <input type="hidden" name="pairId" value={pair.pairId} />
        <FormErrors errors={(errors[''] as string[] | undefined) ?? undefined} />
        <table className="data-table pair-score__matrix">
          <thead>
            <tr>
              <th scope="col">{t('prioritise.criterion')}</th>
              <th scope="col" className="num">
                {t('prioritise.teamMean')}
              </th>
              <th scope="col">{t('prioritise.yourScore')}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => {
              const name = `score.${c.id}`
              const fieldErrors = errors[name] ?? undefined
              const key = String(c.data.criterionKey)
              const mean = pair.byCriterion[c.id]
              return (
                <tr key={c.id}>
                  <th scope="row">
                    <label htmlFor={`${formId}-${c.id}`}>{criterionName(c)}</label>
                    {(DEFAULT_CRITERIA as readonly string[]).includes(key) ? <span className="field__hint pair-score__help">{t(`prioritise.criterionHelp.${key}`)}</span> : null}
                  </th>
                  <td className="num">{mean === null || mean === undefined ? '—' : formatNumber(mean, i18n.language, { maximumFractionDigits: 2 })}</td>
                  <td>
                    <select id={`${formId}-${c.id}`} name={name} defaultValue={mine[c.id] === undefined ? '' : String(mine[c.id])} aria-invalid={fieldErrors?.length ? true : undefined} aria-describedby={fieldErrors?.length ? `${formId}-${c.id}-error` : undefined}>
                      <option value="">–</option>
                      {SCALE.map((v) => (
                        <option key={v} value={v}>
                          {v}
                        </option>
                      ))}
                    </select>
                    <FieldErrors id={`${formId}-${c.id}-error`} errors={fieldErrors ?? undefined} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={fetcher.state !== 'idle'}>
            {t('prioritise.saveScores')}
          </button>
          <span role="status" className="muted">
            {fetcher.state !== 'idle' ? t('saving') : saved ? t('prioritise.saved') : ''}
          </span>
        </div>
      </fetcher.Form>
    </details>
  )
}
