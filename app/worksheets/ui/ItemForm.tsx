import { useFetcher } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '../../components/forms.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { type LinkOption, type WorksheetItemView } from '../types.ts'
import { type KindSpec } from '../spec.ts'
import { clearSaved } from './clearSaved.ts'
import { ItemFields } from './ItemFields.tsx'
import { ItemValue } from './ItemValue.tsx'

export interface ItemActionData {
  formId: string
  result: { status?: string; error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null } | null
  conflict: { id: string; version: number; data: Record<string, unknown> } | null
}

/**
 * Creates or edits one item. A stale save (someone else saved first) keeps what this person typed
 * and shows the stored value next to it; saving again then replaces it knowingly.
 */
export function ItemForm({
  spec,
  item,
  options,
  onDone,
  defaults,
  formKey,
}: {
  spec: KindSpec
  item?: WorksheetItemView
  options: Record<string, LinkOption[]>
  onDone?: () => void
  /** Initial values of a new item (e.g. the parent of a sub-cause). */
  defaults?: Record<string, unknown>
  /** Distinguishes several "new" forms of one kind on a page. */
  formKey?: string
}) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const formId = item ? `edit-${item.id}` : `new-${spec.kind}${formKey ? `-${formKey}` : ''}`
  const result = fetcher.data?.formId === formId ? fetcher.data : undefined
  const errors = result?.result?.error ?? {}
  const conflict = result?.conflict ?? null
  const succeeded = fetcher.state === 'idle' && result !== undefined && result.result?.status !== 'error' && !conflict
  const formRef = useRef<HTMLFormElement>(null)
  const sent = useRef<FormData | null>(null)

  useEffect(() => {
    if (!succeeded) return
    if (!item && formRef.current && sent.current) clearSaved(formRef.current, sent.current)
    onDone?.()
  }, [succeeded, item, onDone])

  return (
    <fetcher.Form
      method="post"
      ref={formRef}
      onSubmit={(e) => {
        sent.current = new FormData(e.currentTarget)
      }}
      className="item-form" aria-label={item ? t('editItem', { ref: item.ref }) : t(`kinds.${spec.kind}.add`)} noValidate>
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="intent" value={item ? 'item:update' : 'item:create'} />
      <input type="hidden" name="kind" value={spec.kind} />
      {item ? <input type="hidden" name="id" value={item.id} /> : null}
      {item ? <input type="hidden" name="version" value={conflict?.version ?? item.version} /> : null}
      <FormErrors errors={(errors[''] as string[] | undefined) ?? undefined} />
      <FetcherSaveFailed fetcher={fetcher} />
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p>{t('conflictCurrent')}</p>
          <dl className="conflict-values">
            {spec.fields.map((f) => (
              <div key={f.name} className="conflict-values__row">
                <dt>{t(`kinds.${spec.kind}.fields.${f.name}`)}</dt>
                <dd>
                  <ItemValue field={f} value={conflict.data[f.name]} options={options} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
      {/* Uncontrolled inputs: after an error or a conflict they still hold what the person typed. */}
      <ItemFields spec={spec} formId={formId} values={item?.data ?? defaults ?? {}} errors={errors} options={options} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={fetcher.state !== 'idle'}>
          {item ? t('save') : t(`kinds.${spec.kind}.add`)}
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

