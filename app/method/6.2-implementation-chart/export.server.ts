// 6.2 in the exported plan: the implementation chart by quarter, and the indicators.
import { present, worksheetTable, type ComposeContext } from '../../exports/compose/context.ts'
import { type Block } from '../../exports/types.ts'
import { selectedIds } from '../5.2-intervention-priorities/export.server.ts'

function chart(ctx: ComposeContext): Block[] {
  const activities = ctx.ofKind('activity')
  if (activities.length === 0) return []
  const { t, source } = ctx
  const pick = ({ id, kind, ref, position, data }: (typeof activities)[number]) => ({ id, kind, ref, position, data })
  return [
    {
      type: 'figure',
      figure: 'implementation-chart',
      caption: t('exports:document.implementationChart'),
      alt: t('worksheets:chart.caption'),
      data: {
        horizon: { start: source.plan.startDate, end: source.plan.endDate },
        selected: selectedIds(ctx),
        interventions: ctx.ofKind('intervention').map(pick),
        activities: activities.map(pick),
      },
      fallback: present([worksheetTable(ctx, 'activity')]),
    },
  ]
}

export function implementationChartSection(ctx: ComposeContext): Block[] {
  return [...chart(ctx), ...present([worksheetTable(ctx, 'indicator')])]
}
