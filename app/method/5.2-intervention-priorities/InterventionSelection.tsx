import { useFetcher } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../../components/forms.tsx'
import { BaseFields } from '../../conflicts/ui/BaseFields.tsx'
import { ChangedSinceNotice } from '../../conflicts/ui/ChangedSinceNotice.tsx'
import { chosenValue, ConflictChoices, type Choice } from '../../conflicts/ui/ConflictChoices.tsx'
import { useEditBase } from '../../conflicts/ui/useEditBase.ts'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { SELECTION_DECISIONS, type SelectionDecision, type SelectionView } from './worksheet.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { type ItemActionData } from '../../worksheets/ui/ItemForm.tsx'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'

/**
 * The decision on one intervention. Lead and co-authors edit it from the version they opened; a
 * save after someone else's is merged, or shows both decisions to choose from (ADR 036).
 */
export function SelectionForm({
  item,
  selection,
  canEdit,
}: {
  item: WorksheetItemView
  selection: SelectionView | null
  canEdit: boolean
}) {
  const { t } = useTranslation('worksheets')
  const [open, setOpen] = useState(false)
  return (
    <div className="selection">
      <div className="selection__head">
        <span>
          <strong>
            <RecordName code={item.ref} words={String(item.data.title ?? '')} />
          </strong>
        </span>
        {selection ? (
          <DecisionBadge decision={selection.decision} />
        ) : (
          <span className="muted">{t('selection.undecided')}</span>
        )}
      </div>
      {selection?.rationale ? <p className="selection__rationale prewrap">{selection.rationale}</p> : null}
      {canEdit && !open ? (
        <button type="button" className="button button--small" onClick={() => setOpen(true)}>
          {/* The visible words start the name, so speech input users can say what they see (WCAG 2.5.3). */}
          {selection ? t('selection.change') : t('selection.decide')}
          <span className="visually-hidden"> {t('selection.forRef', { ref: item.ref })}</span>
        </button>
      ) : null}
      {canEdit && open ? <SelectionEditor item={item} selection={selection} onDone={() => setOpen(false)} /> : null}
    </div>
  )
}

const FIELDS = ['decision', 'rationale']

// Mounted when the person opens the form, so it edits from the decision they saw then.
function SelectionEditor({
  item,
  selection,
  onDone,
}: {
  item: WorksheetItemView
  selection: SelectionView | null
  onDone: () => void
}) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const formId = `selection-${item.id}`
  const reply = fetcher.data?.formId === formId ? fetcher.data : undefined
  const errors = reply?.result?.error ?? {}
  const conflict = reply?.conflict ?? null
  const failed = reply?.result?.status === 'error' || conflict !== null
  const base = useEditBase(
    selection
      ? { version: selection.version, data: { decision: selection.decision, rationale: selection.rationale } }
      : null,
    reply,
  )
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [choicesFor, setChoicesFor] = useState(conflict)
  if (choicesFor !== conflict) {
    setChoicesFor(conflict)
    setChoices({})
  }
  // Close after a successful save; stay open (with what was typed) after a refusal.
  useEffect(() => {
    if (fetcher.state === 'idle' && reply && !failed) onDone()
  }, [fetcher.state, reply, failed, onDone])
  const typed = (reply?.result?.initialValue ?? null) as Record<string, string> | null
  const values: Record<string, unknown> = conflict
    ? Object.fromEntries(FIELDS.map((f) => [f, chosenValue(conflict, choices, f)]))
    : (typed ?? base?.data ?? {})
  const id = `${formId}-`
  const label = (field: string) => t(field === 'decision' ? 'selection.decision' : 'selection.rationale')
  const render = (field: string, value: unknown) =>
    field === 'decision' && typeof value === 'string' ? (
      <DecisionBadge decision={value as SelectionDecision} />
    ) : (
      <span className="prewrap">{typeof value === 'string' ? value : ''}</span>
    )
  return (
    <fetcher.Form
      method="post"
      className="item-form"
      aria-label={t('selection.decideFor', { ref: item.ref })}
      noValidate
    >
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="intent" value="selection:save" />
      <input type="hidden" name="intervention" value={item.id} />
      <BaseFields base={base} />
      <FormErrors errors={(errors[''] as string[] | undefined) ?? undefined} />
      <FetcherSaveFailed fetcher={fetcher} />
      {conflict ? (
        <ConflictChoices
          conflict={conflict}
          label={label}
          render={render}
          choices={choices}
          onChoose={(field, choice) => setChoices((c) => ({ ...c, [field]: choice }))}
        />
      ) : (
        <ChangedSinceNotice current={selection} base={base} by={selection?.by} what="record" />
      )}
      <fieldset className="field" key={`decision-${conflict?.version ?? ''}-${choices.decision ?? ''}`}>
        <legend>{t('selection.decision')}</legend>
        <div className="radio-row">
          {SELECTION_DECISIONS.map((d) => (
            <label key={d} className="checkbox">
              <input type="radio" name="decision" value={d} defaultChecked={values.decision === d} />
              <span>{t(`selection.decisions.${d}`)}</span>
            </label>
          ))}
        </div>
        <FieldErrors id={`${id}decision-error`} errors={errors.decision ?? undefined} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}rationale`}>{t('selection.rationale')}</label>
        <textarea
          key={`rationale-${conflict?.version ?? ''}-${choices.rationale ?? ''}`}
          id={`${id}rationale`}
          name="rationale"
          rows={3}
          maxLength={3000}
          required
          defaultValue={typeof values.rationale === 'string' ? values.rationale : ''}
          aria-invalid={errors.rationale?.length ? true : undefined}
          aria-describedby={errors.rationale?.length ? `${id}rationale-error` : undefined}
        />
        <FieldErrors id={`${id}rationale-error`} errors={errors.rationale ?? undefined} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={fetcher.state !== 'idle'}>
          {t('save')}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          {t('cancel')}
        </button>
        {fetcher.state !== 'idle' ? <span role="status">{t('saving')}</span> : null}
      </div>
    </fetcher.Form>
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
