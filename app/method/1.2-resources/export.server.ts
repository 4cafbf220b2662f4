// 1.2 in the exported plan: the universe, the resources and the ratios drawn from them.
import {
  asView,
  heading,
  itemFacts,
  kindTitle,
  present,
  worksheetTable,
  type ComposeContext,
} from '../../exports/compose/context.ts'
import { type Block } from '../../exports/types.ts'
import { resourceRatios } from './ratios.ts'

function ratiosBlock(ctx: ComposeContext): Block {
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

export function resourcesSection(ctx: ComposeContext): Block[] {
  return present([
    itemFacts(ctx, 'scope_figures') ? heading(3, kindTitle(ctx, 'scope_figures')) : null,
    itemFacts(ctx, 'scope_figures'),
    worksheetTable(ctx, 'resource'),
    heading(3, ctx.t('worksheets:ratios.title')),
    ratiosBlock(ctx),
  ])
}
