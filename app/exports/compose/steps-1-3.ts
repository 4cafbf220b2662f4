// Sub-steps 1.1 to 3.2: mandate, resources and their ratios, data, issues and targets, the 2.2
// ranking and decision, the target map, the problem tree and the influences.
import { resourceRatios } from '../../worksheets/ratios.ts'
import { aggregateScores, rank, type Criterion } from '../../worksheets/scoring.ts'
import { SCORE_MAX, SCORE_MIN } from '../../method/2.2-prioritise/worksheet.ts'
import { layoutTargetMap } from '../../worksheets/targetMapLayout.ts'
import { type Block, type ListItem } from '../types.ts'
import {
  asView,
  fieldText,
  heading,
  itemFacts,
  itemName,
  kindTitle,
  paragraph,
  present,
  worksheetTable,
  type ComposeContext,
} from './context.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const numOrNull = (v: unknown) => (typeof v === 'number' ? v : null)

export function ratiosBlock(ctx: ComposeContext): Block {
  const { t } = ctx
  const r = resourceRatios(ctx.ofKind('resource').map(asView), ctx.ofKind('scope_figures').map(asView)[0])
  const fmt = (v: number | null, digits = 0) => (v === null ? t('worksheets:ratios.unknown') : ctx.num(v, digits))
  const inspectors =
    r.inspectorsWomen === null
      ? fmt(r.inspectors)
      : t('worksheets:ratios.inspectorsWithWomen', { total: fmt(r.inspectors), women: fmt(r.inspectorsWomen) })
  const rows: [string, string][] = [
    ['inspectors', inspectors],
    ['establishmentsPerInspector', fmt(r.establishmentsPerInspector)],
    ['workersPerInspector', fmt(r.workersPerInspector)],
    ['inspectorsPer10000Employed', fmt(r.inspectorsPer10000Employed, 2)],
    ['fieldDays', fmt(r.fieldDays)],
    ['fieldDaysPerInspector', fmt(r.fieldDaysPerInspector, 1)],
  ]
  return { type: 'facts', items: rows.map(([key, value]) => ({ label: t(`worksheets:ratios.${key}`), value })) }
}

function causes(ctx: ComposeContext): Block[] {
  const all = ctx.ofKind('cause')
  if (all.length === 0) return []
  const spec = { name: 'category', type: 'enum' as const, options: [] }
  const line = (c: (typeof all)[number]) =>
    [c.ref, str(c.data.statement), c.data.category ? fieldText(ctx, spec, c.data.category) : null]
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
  return [
    heading(3, kindTitle(ctx, 'cause')),
    { type: 'list', ordered: false, items: childrenOf(null) },
    ...present([
      worksheetTable(ctx, 'cause', { columns: ['statement', 'level', 'parent', 'category', 'confidence', 'evidence'] }),
    ]),
  ]
}

/** The parts of sub-steps 1.1 to 3.2, by code. */
export function substepParts13(ctx: ComposeContext, code: string): Block[] {
  switch (code) {
    case '1.1':
      return present([worksheetTable(ctx, 'mandate')])
    case '1.2':
      return present([
        itemFacts(ctx, 'scope_figures') ? heading(3, kindTitle(ctx, 'scope_figures')) : null,
        itemFacts(ctx, 'scope_figures'),
        worksheetTable(ctx, 'resource'),
        heading(3, ctx.t('worksheets:ratios.title')),
        ratiosBlock(ctx),
      ])
    case '1.3':
      return present([worksheetTable(ctx, 'data_source')])
    case '3.1':
      return [...causes(ctx), ...present([worksheetTable(ctx, 'effect')])]
    case '3.2':
      return present([worksheetTable(ctx, 'influence')])
    default:
      return []
  }
}
