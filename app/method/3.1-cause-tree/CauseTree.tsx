import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { causeSpec, descendantsOf } from './worksheet.ts'
import { CauseTreeFigure } from './CauseTreeDiagram.tsx'
import { type LinkOption, type WorksheetItemView } from '../../worksheets/types.ts'
import { CommentThread } from '../../worksheets/ui/CommentThread.tsx'
import { ItemForm } from '../../worksheets/ui/ItemForm.tsx'
import { type PanelProps } from '../define-panels.ts'
import { type causeTree } from './substep.server.ts'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'
import { RowActions } from '../../worksheets/ui/RowActions.tsx'
import { StaleDelete } from '../../worksheets/ui/StaleDelete.tsx'
import { useToggleSet } from '../../worksheets/ui/useToggleSet.ts'

type Children = Map<string | null, WorksheetItemView[]>

/** 3.1: the selected priority as the trunk and its causes as an expandable, re-orderable tree. */
export function CauseTreePanel({ worksheet, extra, abilities }: PanelProps<typeof causeTree>) {
  const { t } = useTranslation('worksheets')
  const { priority } = extra
  const live = worksheet.items.cause ?? []
  // The cause being edited as last seen: if someone deletes it meanwhile, live refresh removes it,
  // but it stays in the tree under the same parent (the same form, with what the person typed)
  // until the form is closed or its text added again (ADR 036).
  const [editing, setEditing] = useState<string | null>(null)
  const edited = live.find((c) => c.id === editing)
  const [lastEdited, setLastEdited] = useState<WorksheetItemView | null>(null)
  if (edited && lastEdited !== edited) setLastEdited(edited)
  const ghost = editing !== null && !edited && lastEdited?.id === editing ? lastEdited : null
  const causes = ghost ? [...live, ghost] : live
  const ids = new Set(causes.map((c) => c.id))
  const children: Children = new Map()
  for (const c of causes) {
    // A parent that no longer exists shows the cause at the top rather than hiding it.
    const parent = typeof c.data.parent === 'string' && ids.has(c.data.parent) ? c.data.parent : null
    children.set(parent, [...(children.get(parent) ?? []), c])
  }
  const [collapsed, toggle] = useToggleSet()
  const canEdit = abilities['worksheet:edit'] === true
  const tree = {
    children,
    collapsed,
    toggle,
    canEdit,
    options: worksheet.options,
    all: causes,
    editing,
    setEditing,
    ghost,
  }
  return (
    <section className="worksheet cause-tree" aria-labelledby="cause-tree-heading">
      <h3 id="cause-tree-heading">{t('kinds.cause.title')}</h3>
      <p className="field__hint">{t('kinds.cause.hint')}</p>
      <div className="cause-tree__trunk">
        <strong>{t('causeTree.problem')}</strong>{' '}
        {priority ? (
          priority.pairs.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? '; ' : ''}
              <RecordName code={p.ref} words={`${p.issue} × ${p.target}`} />
            </span>
          ))
        ) : (
          <span className="muted">{t('causeTree.noPriority')}</span>
        )}
      </div>
      {causes.length === 0 ? (
        <p className="empty-state">{t('empty')}</p>
      ) : (
        <div className="cause-tree__body">
          <CauseList tree={tree} parent={null} />
          <CauseTreeFigure pairs={priority?.pairs ?? null} causes={causes} />
        </div>
      )}
      {canEdit ? (
        <details className="worksheet__add">
          <summary className="button">{t('kinds.cause.add')}</summary>
          <ItemForm spec={causeSpec} options={worksheet.options} />
        </details>
      ) : null}
    </section>
  )
}

interface Tree {
  children: Children
  collapsed: ReadonlySet<string>
  toggle: (id: string) => void
  canEdit: boolean
  options: Record<string, LinkOption[]>
  all: WorksheetItemView[]
  /** The one cause whose edit form is open. */
  editing: string | null
  setEditing: (id: string | null) => void
  /** The edited cause someone deleted meanwhile, kept for its open form. */
  ghost: WorksheetItemView | null
}

function CauseList({ tree, parent }: { tree: Tree; parent: string | null }) {
  const list = tree.children.get(parent) ?? []
  return (
    <ul
      className={parent ? 'cause-list cause-list--nested' : 'cause-list'}
      id={parent ? `causes-under-${parent}` : undefined}
    >
      {list.map((c, i) => (
        <CauseNode key={c.id} tree={tree} cause={c} first={i === 0} last={i === list.length - 1} />
      ))}
    </ul>
  )
}

function CauseNode({
  tree,
  cause,
  first,
  last,
}: {
  tree: Tree
  cause: WorksheetItemView
  first: boolean
  last: boolean
}) {
  const { t } = useTranslation('worksheets')
  const [adding, setAdding] = useState(false)
  const deleted = cause === tree.ghost
  const kids = tree.children.get(cause.id) ?? []
  const open = !tree.collapsed.has(cause.id)
  const d = cause.data
  const statement = String(d.statement ?? '')
  // The parent picker offers only causes outside this branch (the server refuses cycles anyway).
  const below = descendantsOf(tree.all, cause.id)
  const parentChoices = { ...tree.options, cause: (tree.options.cause ?? []).filter((o) => !below.has(o.id)) }
  const pair = typeof d.pair === 'string' ? tree.options.pair?.find((o) => o.id === d.pair) : undefined
  return (
    <li className="cause-node">
      <div className="cause-node__row">
        {kids.length > 0 ? (
          <button
            type="button"
            className="cause-node__toggle"
            aria-expanded={open}
            aria-controls={`causes-under-${cause.id}`}
            aria-label={t(open ? 'causeTree.collapse' : 'causeTree.expand', { ref: cause.ref, count: kids.length })}
            onClick={() => tree.toggle(cause.id)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="cause-node__leaf" aria-hidden="true" />
        )}
        <div className="cause-node__body">
          <p className="cause-node__statement">
            {/* One numbering per cause: its code; the tree's indentation shows where it sits (ADR 057). */}
            <RecordName code={cause.ref} words={statement} />
          </p>
          <p className="cause-node__meta">
            <span className={`chip chip--level-${String(d.level)}`}>{t(`options.level.${String(d.level)}`)}</span>
            {d.category ? (
              <span className="chip chip--category">{t(`options.category.${String(d.category)}`)}</span>
            ) : null}
            {d.confidence ? (
              <span className="cell-sub">
                {t('causeTree.confidence', { value: t(`options.confidence.${String(d.confidence)}`) })}
              </span>
            ) : null}
            {pair ? (
              <span className="cell-sub">
                <RecordName code={pair.ref} words={pair.label} />
              </span>
            ) : null}
            {kids.length > 0 && !open ? (
              <span className="cell-sub">{t('causeTree.hidden', { count: kids.length })}</span>
            ) : null}
          </p>
          {d.evidence ? <p className="cause-node__evidence prewrap">{String(d.evidence)}</p> : null}
          <div className="row-actions">
            {tree.canEdit && !deleted ? (
              <RowActions
                item={cause}
                onEdit={() => tree.setEditing(cause.id)}
                move={{ intent: 'cause:move', first, last }}
              >
                <button type="button" className="button button--small" onClick={() => setAdding(true)}>
                  {/* The visible words start the name, so speech input users can say what they see (WCAG 2.5.3). */}
                  {t('causeTree.addChild')}
                  <span className="visually-hidden"> {t('causeTree.underRef', { ref: cause.ref })}</span>
                </button>
              </RowActions>
            ) : null}
            {deleted ? null : <CommentThread subjectType="item" subjectId={cause.id} subject={cause.ref} />}
          </div>
          {tree.canEdit && !deleted ? <StaleDelete item={cause} options={tree.options} /> : null}
          {tree.editing === cause.id ? (
            <ItemForm
              spec={causeSpec}
              item={cause}
              options={parentChoices}
              onDone={() => tree.setEditing(null)}
              deleted={deleted}
            />
          ) : null}
          {adding ? (
            <div className="cause-node__add">
              <h4>{t('causeTree.addUnder', { ref: cause.ref })}</h4>
              <ItemForm
                spec={causeSpec}
                options={tree.options}
                defaults={{ parent: cause.id, level: 'root', category: d.category }}
                formKey={cause.id}
                onDone={() => setAdding(false)}
              />
            </div>
          ) : null}
        </div>
      </div>
      {kids.length > 0 && open ? <CauseList tree={tree} parent={cause.id} /> : null}
      {kids.length > 0 && !open ? <ul id={`causes-under-${cause.id}`} hidden /> : null}
    </li>
  )
}
