import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '../../components/forms.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { BASE_FIELD_NAME } from '../../conflicts/protocol.ts'
import { type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'
import { deleteButtonId, deleteFetcherKey } from './StaleDelete.tsx'

interface Props {
  item: WorksheetItemView
  onEdit: () => void
  /** Move up / down, for kinds whose order matters; the intent moves among siblings for trees. */
  move?: { intent: 'item:move' | 'cause:move'; first: boolean; last: boolean }
  /** Buttons shown after "Edit" (e.g. "Add a cause under …"). */
  children?: React.ReactNode
}

/** Edit, move and delete buttons of one worksheet item (a table row or a tree node); see <StaleDelete> for a refused delete. */
export function RowActions({ item, onEdit, move, children }: Props) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  // Its own fetcher, shared with <StaleDelete>, which offers the choice when the delete is refused.
  const deleter = useFetcher<ItemActionData>({ key: deleteFetcherKey(item.id) })
  const formId = `row-${item.id}`
  const error =
    (fetcher.data?.formId === formId ? fetcher.data.result?.error?.[''] : undefined) ??
    (deleter.data && !deleter.data.conflict ? deleter.data.result?.error?.[''] : undefined)
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={onEdit}
        aria-label={t('editItem', { ref: item.ref })}
      >
        {t('edit')}
      </button>
      {children}
      {move ? (
        <fetcher.Form method="post">
          <input type="hidden" name="formId" value={formId} />
          <input type="hidden" name="intent" value={move.intent} />
          <input type="hidden" name="id" value={item.id} />
          <button
            type="submit"
            name="direction"
            value="up"
            className="button button--small button--quiet"
            disabled={move.first}
            aria-label={t('moveUp', { ref: item.ref })}
          >
            ↑
          </button>
          <button
            type="submit"
            name="direction"
            value="down"
            className="button button--small button--quiet"
            disabled={move.last}
            aria-label={t('moveDown', { ref: item.ref })}
          >
            ↓
          </button>
        </fetcher.Form>
      ) : null}
      <deleter.Form
        method="post"
        onSubmit={(e) => {
          if (!window.confirm(t('confirmDelete', { ref: item.ref }))) e.preventDefault()
        }}
      >
        <input type="hidden" name="formId" value={formId} />
        <input type="hidden" name="intent" value="item:delete" />
        <input type="hidden" name="id" value={item.id} />
        {/* The row as shown: if someone changed it since, the person sees what and decides again. */}
        <input type="hidden" name="version" value={item.version} />
        <input type="hidden" name={BASE_FIELD_NAME} value={JSON.stringify(item.data)} />
        <button
          type="submit"
          id={deleteButtonId(item.id)}
          className="button button--small button--danger"
          aria-label={t('deleteItem', { ref: item.ref })}
        >
          {t('delete')}
        </button>
      </deleter.Form>
      <FormErrors errors={error ?? undefined} />
      <FetcherSaveFailed fetcher={fetcher} />
      <FetcherSaveFailed fetcher={deleter} />
    </>
  )
}
