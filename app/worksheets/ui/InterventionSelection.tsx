import { useFetcher } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../../components/forms.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { SELECTION_DECISIONS, type SelectionDecision } from '../step5.ts'
import { type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'

export interface SelectionView {
  id: string
  version: number
  decision: SelectionDecision
  rationale: string
}

/**
 * The decision on one intervention. Lead and co-authors edit it; a stale save (someone decided
 * meanwhile) keeps what this person typed and shows the stored decision.
 */
export function SelectionForm({ item, selection, canEdit }: { item: WorksheetItemView; selection: SelectionView | null; canEdit: boolean }) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const [open, setOpen] = useState(false)
  const formId = `selection-${item.id}`
  const reply = fetcher.data?.formId === formId ? fetcher.data : undefined
  const errors = reply?.result?.error ?? {}
  const conflict = reply?.conflict ?? null
  const failed = reply?.result?.status === 'error' || conflict !== null
  // Close after a successful save; stay open (with what was typed) after a refusal.
  useEffect(() => {
    if (fetcher.state === 'idle' && reply) setOpen(failed)
  }, [fetcher.state, reply, failed])
  const editing = open
  const typed = (reply?.result?.initialValue ?? null) as Record<string, string> | null
  const version = conflict?.version ?? selection?.version
  const id = `${formId}-`
  return (
    <div className="selection">
      <div className="selection__head">
        <span>
          <strong>{item.ref}</strong> {String(item.data.title ?? '')}
        </span>
        {selection ? <DecisionBadge decision={selection.decision} /> : <span className="muted">{t('selection.undecided')}</span>}
      </div>
      {selection?.rationale ? <p className="selection__rationale prewrap">{selection.rationale}</p> : null}
      {canEdit && !editing ? (
        <button type="button" className="button button--small" onClick={() => setOpen(true)} aria-label={t('selection.decideFor', { ref: item.ref })}>
          {selection ? t('selection.change') : t('selection.decide')}
        </button>
      ) : null}
      {canEdit && editing ? (
        <fetcher.Form method="post" className="item-form" aria-label={t('selection.decideFor', { ref: item.ref })} noValidate>
          <input type="hidden" name="formId" value={formId} />
          <input type="hidden" name="intent" value="selection:save" />
          <input type="hidden" name="intervention" value={item.id} />
          {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
          <FormErrors errors={(errors[''] as string[] | undefined) ?? undefined} />
          <FetcherSaveFailed fetcher={fetcher} />
          {conflict ? (
            <div className="alert alert--warning" role="alert">
              <p>{t('conflictCurrent')}</p>
              <p>
                <DecisionBadge decision={conflict.data.decision as SelectionDecision} /> <span className="prewrap">{String(conflict.data.rationale ?? '')}</span>
              </p>
            </div>
          ) : null}
          <fieldset className="field">
            <legend>{t('selection.decision')}</legend>
            <div className="radio-row">
              {SELECTION_DECISIONS.map((d) => (
                <label key={d} className="checkbox">
                  <input type="radio" name="decision" value={d} defaultChecked={(typed?.decision ?? selection?.decision) === d} />
                  <span>{t(`selection.decisions.${d}`)}</span>
                </label>
              ))}
            </div>
            <FieldErrors id={`${id}decision-error`} errors={errors.decision ?? undefined} />
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}rationale`}>{t('selection.rationale')}</label>
            <textarea
              id={`${id}rationale`}
              name="rationale"
              rows={3}
              maxLength={3000}
              required
              defaultValue={typed?.rationale ?? selection?.rationale ?? ''}
              aria-invalid={errors.rationale?.length ? true : undefined}
              aria-describedby={errors.rationale?.length ? `${id}rationale-error` : undefined}
            />
            <FieldErrors id={`${id}rationale-error`} errors={errors.rationale ?? undefined} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={fetcher.state !== 'idle'}>
              {t('save')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
              {t('cancel')}
            </button>
          </div>
        </fetcher.Form>
      ) : null}
      {fetcher.state !== 'idle' ? <span role="status">{t('saving')}</span> : null}
    </div>
  )
}

export function DecisionBadge({ decision }: { decision: SelectionDecision }) {
  const { t } = useTranslation('worksheets')
  const mark = decision === 'selected' ? '✓' : decision === 'deferred' ? '…' : '✗'
  return (
    <span className={`decision decision--${decision}`}>
      <span aria-hidden="true">{mark} </span>
      {t(`selection.decisions.${decision}`)}
    </span>
  )
}
