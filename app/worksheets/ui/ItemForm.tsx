import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '../../components/forms.tsx'
import { type ConflictView, type SavedView } from '../../conflicts/protocol.ts'
import { BaseFields } from '../../conflicts/ui/BaseFields.tsx'
import { ChangedSinceNotice } from '../../conflicts/ui/ChangedSinceNotice.tsx'
import { chosenValue, ConflictChoices, type Choice } from '../../conflicts/ui/ConflictChoices.tsx'
import { useEditBase } from '../../conflicts/ui/useEditBase.ts'
import { IdempotencyKey } from '../../components/IdempotencyKey.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { type LinkOption, type WorksheetItemView } from '../types.ts'
import { type KindSpec } from '../spec.ts'
import { clearSaved } from './clearSaved.ts'
import { ItemFields } from './ItemFields.tsx'
import { ItemValue } from './ItemValue.tsx'
import { PlausibilityNotes, usePlausibilityWarnings } from './PlausibilityWarnings.tsx'

export interface ItemActionData {
  formId: string
  result: {
    status?: string
    error?: Record<string, string[] | null> | null
    initialValue?: Record<string, unknown> | null
  } | null
  conflict: ConflictView | null
  saved?: SavedView | null
}

/**
 * Creates or edits one item. The form edits from the version it was opened on; live refresh only
 * says that someone changed the row. A save on an older version is merged field by field on the
 * server; where both changed a field, the form shows both values to choose from and keeps what
 * this person typed (ADR 036).
 */
export function ItemForm({
  spec,
  item,
  options,
  onDone,
  defaults,
  formKey,
  deleted = false,
}: {
  spec: KindSpec
  item?: WorksheetItemView
  options: Record<string, LinkOption[]>
  onDone?: () => void
  /** Initial values of a new item (e.g. the parent of a sub-cause). */
  defaults?: Record<string, unknown>
  /** Distinguishes several "new" forms of one kind on a page. */
  formKey?: string
  /** Someone deleted `item` while this form was open: it keeps what was typed and offers to add it again. */
  deleted?: boolean
}) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const formId = item ? `edit-${item.id}` : `new-${spec.kind}${formKey ? `-${formKey}` : ''}`
  const result = fetcher.data?.formId === formId ? fetcher.data : undefined
  const allErrors = result?.result?.error ?? {}
  // Once the form knows the item was deleted, "it no longer exists" is said by the notice instead.
  const errors = deleted
    ? { ...allErrors, '': (allErrors[''] ?? []).filter((e) => e !== 'validation.unknownItem') }
    : allErrors
  const editing = item !== undefined && !deleted
  const conflict = result?.conflict ?? null
  const base = useEditBase(item, result)
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [choicesFor, setChoicesFor] = useState(conflict)
  if (choicesFor !== conflict) {
    setChoicesFor(conflict)
    setChoices({})
  }
  const succeeded = fetcher.state === 'idle' && result !== undefined && result.result?.status !== 'error' && !conflict
  const formRef = useRef<HTMLFormElement>(null)
  const sent = useRef<FormData | null>(null)
  // What the form holds now, for the warnings that follow the typing (saving is never blocked by them).
  const [typed, setTyped] = useState<Record<string, unknown> | null>(null)

  useEffect(() => {
    if (!succeeded) return
    if (!item && formRef.current && sent.current) {
      clearSaved(formRef.current, sent.current)
      setTyped(Object.fromEntries(new FormData(formRef.current)))
    }
    onDone?.()
  }, [succeeded, item, onDone])

  // After a refused save the inputs are re-created with my values merged with theirs (and the
  // chosen side of each conflicting field); until then they hold what the form was opened with.
  const values = conflict
    ? Object.fromEntries(spec.fields.map((f) => [f.name, chosenValue(conflict, choices, f.name)]))
    : (base?.data ?? defaults ?? {})
  const label = (name: string) => t(`kinds.${spec.kind}.fields.${name}`)
  const warnings = usePlausibilityWarnings(spec, typed ?? values)

  return (
    <fetcher.Form
      method="post"
      ref={formRef}
      onSubmit={(e) => {
        sent.current = new FormData(e.currentTarget)
      }}
      onChange={spec.plausibility ? (e) => setTyped(Object.fromEntries(new FormData(e.currentTarget))) : undefined}
      className="item-form"
      aria-label={item ? t('editItem', { ref: item.ref }) : t(`kinds.${spec.kind}.add`)}
      noValidate
    >
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="intent" value={editing ? 'item:update' : 'item:create'} />
      <input type="hidden" name="kind" value={spec.kind} />
      {editing ? (
        <input type="hidden" name="id" value={item.id} />
      ) : (
        <IdempotencyKey answer={fetcher.state === 'idle' ? result : undefined} />
      )}
      {editing ? <BaseFields base={base} /> : null}
      <FormErrors errors={(errors[''] as string[] | undefined) ?? undefined} />
      <FetcherSaveFailed fetcher={fetcher} />
      {deleted && item ? (
        <div className="alert alert--warning" role="alert">
          <p>{t('deletedWhileEditing', { ref: item.ref })}</p>
        </div>
      ) : conflict ? (
        <ConflictChoices
          conflict={conflict}
          label={label}
          render={(name, value) => (
            <ItemValue field={spec.fields.find((f) => f.name === name)!} value={value} options={options} />
          )}
          choices={choices}
          onChoose={(name, choice) => setChoices((c) => ({ ...c, [name]: choice }))}
        />
      ) : (
        <ChangedSinceNotice current={item} base={base} by={item?.updated_by_name} />
      )}
      {/* Uncontrolled inputs: after an error or a conflict they still hold what the person typed. */}
      <ItemFields
        key={conflict ? `conflict-${conflict.version}` : 'opened'}
        spec={spec}
        formId={formId}
        values={values}
        errors={errors}
        options={options}
        fieldKeys={choices}
      />
      {spec.plausibility ? <PlausibilityNotes spec={spec} warnings={warnings} live /> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={fetcher.state !== 'idle'}>
          {deleted ? t('addAgain') : item ? t('save') : t(`kinds.${spec.kind}.add`)}
        </button>
        {onDone && (item || defaults) ? (
          <button type="button" className="button button--quiet" onClick={onDone}>
            {t('cancel')}
          </button>
        ) : null}
        {fetcher.state !== 'idle' ? <span role="status">{t('saving')}</span> : null}
      </div>
    </fetcher.Form>
  )
}
