import { useFetcher } from '@remix-run/react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { BASE_FIELD_NAME } from '../../conflicts/protocol.ts'
import { fieldLabel, fieldSpec, valueText } from '../valueText.ts'
import { type LinkOption, type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'

/** The fetcher a row's delete and its "Delete anyway" share, so the choice can show outside the row's buttons. */
export const deleteFetcherKey = (id: string) => `delete-${id}`
/** The row's own Delete button, focused again when the person keeps the item. */
export const deleteButtonId = (id: string) => `delete-button-${id}`

/**
 * After a delete refused because someone changed the item since the person saw it (ADR 036): who
 * changed it and what, in words, then "Delete anyway" (the item as it is now) or "Keep it".
 * Renders nothing otherwise; `wrap` places the panel (e.g. in a full-width table row).
 */
export function StaleDelete({
  item,
  options,
  wrap = (panel) => panel,
}: {
  item: WorksheetItemView
  options?: Record<string, LinkOption[]>
  wrap?: (panel: ReactNode) => ReactNode
}) {
  const { t, i18n } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>({ key: deleteFetcherKey(item.id) })
  const conflict = fetcher.data?.conflict ?? null
  const [kept, setKept] = useState<typeof conflict>(null)
  if (!conflict || conflict === kept) return null
  const name = conflict.by || t('common:conflict.someone')
  const refs = new Map(Object.values(options ?? {}).flatMap((list) => list.map((o) => [o.id, o.ref] as const)))
  const ctx = { t, lng: i18n.language, refs }
  const headingId = `stale-delete-${item.id}`
  return wrap(
    <div className="alert alert--warning stale-delete" role="alert" aria-labelledby={headingId}>
      <p id={headingId}>
        <strong>{t('staleDelete.title', { name, ref: item.ref })}</strong>
      </p>
      {conflict.fields.length > 0 && conflict.base ? (
        <ul className="stale-delete__changes">
          {conflict.fields.map((field) => (
            <li key={field}>
              {t('common:activity.change', {
                field: fieldLabel(item.kind, field, ctx),
                before: valueText(fieldSpec(item.kind, field), conflict.base?.[field], ctx),
                after: valueText(fieldSpec(item.kind, field), conflict.data[field], ctx),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('staleDelete.noDetail')}</p>
      )}
      <p>{t('staleDelete.question', { ref: item.ref })}</p>
      <div className="form-actions">
        <fetcher.Form method="post">
          <input type="hidden" name="formId" value={`row-${item.id}`} />
          <input type="hidden" name="intent" value="item:delete" />
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="version" value={conflict.version} />
          <input type="hidden" name={BASE_FIELD_NAME} value={JSON.stringify(conflict.data)} />
          <button type="submit" className="button button--small button--danger" disabled={fetcher.state !== 'idle'}>
            {t('staleDelete.deleteAnyway')}
          </button>
        </fetcher.Form>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setKept(conflict)
            document.getElementById(deleteButtonId(item.id))?.focus()
          }}
        >
          {t('staleDelete.keep')}
        </button>
      </div>
    </div>,
  )
}
