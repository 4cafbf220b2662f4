// 3.1 in the exported plan: the problem tree as a nested list read top-down like the page, then its
// causes and effects as tables.
import {
  fieldText,
  heading,
  kindTitle,
  present,
  worksheetTable,
  type ComposeContext,
} from '../../exports/compose/context.ts'
import { type Block, type ListItem } from '../../exports/types.ts'
import { withCode } from '../../worksheets/recordName.ts'
import { problemText, treeCauses } from './CauseTreeDiagram.tsx'
import { priorityOf } from './worksheet.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

function causes(ctx: ComposeContext): Block[] {
  const all = ctx.ofKind('cause')
  if (all.length === 0) return []
  const spec = { name: 'category', type: 'enum' as const, options: [] }
  const line = (c: (typeof all)[number]) =>
    [
      withCode(str(c.data.statement), c.ref, ctx.t('worksheets:untitled')),
      c.data.category ? fieldText(ctx, spec, c.data.category) : null,
    ]
      .filter(Boolean)
      .join(' · ')
  // Roots are causes without a (known) parent; the tree reads top-down like the 3.1 page.
  const parentOf = (c: (typeof all)[number]) => (ctx.byId.has(str(c.data.parent)) ? str(c.data.parent) : null)
  const childrenOf = (parent: string | null): ListItem[] =>
    all
      .filter((c) => parentOf(c) === parent)
      .map((c) => {
        const children = childrenOf(c.id)
        return { runs: [{ text: line(c) }], ...(children.length ? { children } : {}) }
      })
  const priority = priorityOf(['priority_decision', 'pair', 'issue', 'target'].flatMap((k) => ctx.ofKind(k)))
  return [
    heading(3, kindTitle(ctx, 'cause')),
    // The tree as a picture (drawn by the page's own component); the nested list below says the same.
    {
      type: 'figure',
      figure: 'cause-tree',
      caption: ctx.t('worksheets:causeTree.figureCaption'),
      alt: ctx.t('worksheets:causeTree.diagramCaption'),
      data: {
        problem: problemText(priority?.pairs ?? null) || ctx.t('worksheets:causeTree.noPriorityBox'),
        causes: treeCauses(all),
      },
    },
    { type: 'list', ordered: false, items: childrenOf(null) },
    ...present([
      worksheetTable(ctx, 'cause', { columns: ['statement', 'level', 'parent', 'category', 'confidence', 'evidence'] }),
    ]),
  ]
}

export function causeTreeSection(ctx: ComposeContext): Block[] {
  return [...causes(ctx), ...present([worksheetTable(ctx, 'effect')])]
}
