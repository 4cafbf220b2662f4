import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type LinkOption, type WorksheetItemView } from '../types.ts'
import { type KindSpec } from '../spec.ts'
import { CommentPanel, CommentToggle, useComments } from './CommentThread.tsx'
import { ItemForm } from './ItemForm.tsx'
import { ItemValue } from './ItemValue.tsx'
import { PlausibilityNotes, usePlausibilityWarnings } from './PlausibilityWarnings.tsx'
import { RecordName } from './RecordName.tsx'
import { optionWords } from './optionWords.ts'
import { recordWords, wordFields, withCode } from '../recordName.ts'
import { RowActions } from './RowActions.tsx'
import { StaleDelete } from './StaleDelete.tsx'
import { useToggleSet } from './useToggleSet.ts'

interface Props {
  spec: KindSpec
  items: WorksheetItemView[]
  options: Record<string, LinkOption[]>
  canEdit: boolean
  /** Extra cells per row (e.g. scores), rendered after the data columns. */
  extraColumns?: {
    header: string
    cell: (item: WorksheetItemView) => React.ReactNode
  }[]
}

/** A worksheet list: a table of items with edit, reorder and delete, and a form to add one. */
export function WorksheetList({ spec, items, options, canEdit, extraColumns = [] }: Props) {
  const { t } = useTranslation('worksheets')
  const [editing, setEditing] = useState<string | null>(null)
  // The item being edited as last seen: if someone deletes it meanwhile, live refresh removes it
  // from `items`, but its form stays where it was, with what the person typed (ADR 036).
  const editedIndex = items.findIndex((i) => i.id === editing)
  const [lastEdited, setLastEdited] = useState<{ item: WorksheetItemView; index: number } | null>(null)
  if (editedIndex >= 0 && lastEdited?.item !== items[editedIndex])
    setLastEdited({ item: items[editedIndex]!, index: editedIndex })
  const ghost = editing !== null && editedIndex < 0 && lastEdited?.item.id === editing ? lastEdited.item : null
  const rows = ghost ? [...items.slice(0, lastEdited!.index), ghost, ...items.slice(lastEdited!.index)] : items
  const comments = useComments()
  const [discussing, toggleComments] = useToggleSet()
  // Each row is named by its words and code (ADR 057); the fields those words come from are not
  // repeated as columns of their own.
  const named = wordFields(spec.kind, spec.titleField)
  const columns = (spec.columns ?? spec.fields.map((f) => f.name))
    .filter((name) => !named.includes(name))
    .map((name) => spec.fields.find((f) => f.name === name)!)
  const wordsOf = optionWords(options)
  const choice = (field: string, value: unknown) => t(`options.${field}.${String(value)}`)
  const nameOf = (item: WorksheetItemView) => recordWords(spec.kind, spec.titleField, item.data, wordsOf, choice)
  const nameHeader =
    named.length === 1
      ? t(`kinds.${spec.kind}.fields.${named[0]}`)
      : named.map((n) => t(`kinds.${spec.kind}.fields.${n}`)).join(spec.kind === 'pair' ? ' × ' : ', ')
  const headingId = `${spec.kind}-heading`
  const width = columns.length + extraColumns.length + 1 + (comments ? 1 : 0) + (canEdit ? 1 : 0)
  return (
    <section className="worksheet" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`kinds.${spec.kind}.title`)}</h3>
      <p className="field__hint">{t(`kinds.${spec.kind}.hint`)}</p>
      {rows.length === 0 ? (
        <p className="empty-state">{t('empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table worksheet__table">
            <thead>
              <tr>
                <th scope="col">{nameHeader}</th>
                {columns.map((c) => (
                  <th scope="col" key={c.name}>
                    {t(`kinds.${spec.kind}.fields.${c.name}`)}
                  </th>
                ))}
                {extraColumns.map((c) => (
                  <th scope="col" key={c.header}>
                    {c.header}
                  </th>
                ))}
                {comments ? <th scope="col">{t('comments.title')}</th> : null}
                {canEdit ? <th scope="col">{t('actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((item) =>
                editing === item.id ? (
                  <tr key={item.id} className="worksheet__editing">
                    <td colSpan={width}>
                      <ItemForm
                        spec={spec}
                        item={item}
                        options={options}
                        onDone={() => setEditing(null)}
                        deleted={item === ghost}
                      />
                    </td>
                  </tr>
                ) : (
                  <Fragment key={item.id}>
                    <tr id={`item-${item.id}`}>
                      <th scope="row">
                        <RecordName code={item.ref} words={nameOf(item)} />
                      </th>
                      {columns.map((c) => (
                        <td key={c.name}>
                          <ItemValue field={c} value={item.data[c.name]} options={options} />
                        </td>
                      ))}
                      {extraColumns.map((c) => (
                        <td key={c.header}>{c.cell(item)}</td>
                      ))}
                      {comments ? (
                        <td>
                          <CommentToggle
                            count={comments.counts[item.id] ?? 0}
                            expanded={discussing.has(item.id)}
                            controls={`comments-${item.id}`}
                            onToggle={() => toggleComments(item.id)}
                            subject={withCode(nameOf(item), item.ref, t('untitled'))}
                          />
                        </td>
                      ) : null}
                      {canEdit ? (
                        <td>
                          <div className="row-actions">
                            <RowActions
                              item={item}
                              onEdit={() => setEditing(item.id)}
                              move={
                                spec.ordered
                                  ? {
                                      intent: 'item:move',
                                      first: item === items[0],
                                      last: item === items[items.length - 1],
                                    }
                                  : undefined
                              }
                            />
                          </div>
                        </td>
                      ) : null}
                    </tr>
                    {spec.plausibility ? <RowWarnings spec={spec} item={item} width={width} /> : null}
                    {canEdit ? (
                      <StaleDelete
                        item={item}
                        options={options}
                        wrap={(panel) => (
                          <tr className="worksheet__stale-delete">
                            <td colSpan={width}>{panel}</td>
                          </tr>
                        )}
                      />
                    ) : null}
                    {comments && discussing.has(item.id) ? (
                      <tr className="worksheet__comments">
                        <td colSpan={width}>
                          <CommentPanel id={`comments-${item.id}`} subjectType="item" subjectId={item.id} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && !(spec.singleton && items.length > 0) ? (
        <details className="worksheet__add">
          <summary className="button">{t(`kinds.${spec.kind}.add`)}</summary>
          <ItemForm spec={spec} options={options} />
        </details>
      ) : null}
    </section>
  )
}

/** A saved row's warnings, on a line of their own under it (nothing when the row is plausible). */
function RowWarnings({ spec, item, width }: { spec: KindSpec; item: WorksheetItemView; width: number }) {
  const warnings = usePlausibilityWarnings(spec, item.data)
  if (warnings.length === 0) return null
  return (
    <tr className="worksheet__warnings">
      <td colSpan={width}>
        <PlausibilityNotes spec={spec} warnings={warnings} id={`warnings-${item.id}`} />
      </td>
    </tr>
  )
}
