// Sub-steps 6.1 and 6.2: the plan map, the implementation chart and the indicators.
import { buildPlanMap, type MapItem } from '../../worksheets/planMap.ts'
import { selectedIds } from '../../method/5.2-intervention-priorities/export.server.ts'
import { type Block, type ListItem } from '../types.ts'
import { heading, itemName, kindTitle, paragraph, present, worksheetTable, type ComposeContext } from './context.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

const MAP_KINDS = [
  'node',
  'relation',
  'influence',
  'stakeholder',
  'stakeholder_link',
  'intervention',
  'intervention_link',
]

function planMap(ctx: ComposeContext): Block[] {
  const items: MapItem[] = MAP_KINDS.flatMap((k) => ctx.ofKind(k)).map(({ id, kind, ref, data }) => ({
    id,
    kind,
    ref,
    data,
  }))
  const selected = selectedIds(ctx)
  const model = buildPlanMap(items, selected)
  if (model.nodes.length === 0) return []
  const { t } = ctx
  const overlayLine = (o: (typeof model.unattached)[number]): ListItem => ({ runs: [{ text: `${o.ref} ${o.label}` }] })
  const list: ListItem[] = model.nodes.map((n) => ({
    runs: [{ text: `${n.ref} ${n.label}${n.isPivot ? ` — ★ ${t('worksheets:planMap.pivot')}` : ''}`, bold: true }],
    ...(n.overlays.length ? { children: n.overlays.map(overlayLine) } : {}),
  }))
  return [
    {
      type: 'figure',
      figure: 'plan-map',
      caption: t('worksheets:planMap.title'),
      alt: t('worksheets:planMap.pictureLabel'),
      data: { items, selected },
      fallback: present([
        { type: 'list', ordered: false, items: list },
        model.unattached.length ? heading(4, t('worksheets:planMap.unattached')) : null,
        model.unattached.length ? { type: 'list', ordered: false, items: model.unattached.map(overlayLine) } : null,
      ]),
    },
  ]
}

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

/** The parts of sub-steps 6.1 and 6.2, by code. */
export function substepParts46(ctx: ComposeContext, code: string): Block[] {
  switch (code) {
    case '6.1':
      return planMap(ctx)
    case '6.2':
      return [...chart(ctx), ...present([worksheetTable(ctx, 'indicator')])]
    default:
      return []
  }
}
