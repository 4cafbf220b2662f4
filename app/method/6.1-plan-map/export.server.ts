// 6.1 in the exported plan: the consolidated map, with its nodes and overlays as lists for a fallback.
import { heading, present, type ComposeContext } from '../../exports/compose/context.ts'
import { type Block, type ListItem } from '../../exports/types.ts'
import { autoPositionsOfItems } from '../../worksheets/mapPositions.server.ts'
import { buildPlanMap, layoutNodes, type MapItem } from '../../worksheets/planMap.ts'
import { selectedIds } from '../5.2-intervention-priorities/export.server.ts'
import { withCode } from '../../worksheets/recordName.ts'

const MAP_KINDS = [
  'node',
  'relation',
  'influence',
  'stakeholder',
  'stakeholder_link',
  'intervention',
  'intervention_link',
]

export function planMapSection(ctx: ComposeContext): Block[] {
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
  const overlayLine = (o: (typeof model.unattached)[number]): ListItem => ({
    runs: [{ text: withCode(o.label, o.ref, t('worksheets:untitled')) }],
  })
  const list: ListItem[] = model.nodes.map((n) => ({
    runs: [
      {
        text: `${withCode(n.label, n.ref, t('worksheets:untitled'))}${n.isPivot ? ` — ★ ${t('worksheets:planMap.pivot')}` : ''}`,
        bold: true,
      },
    ],
    ...(n.overlays.length ? { children: n.overlays.map(overlayLine) } : {}),
  }))
  return [
    {
      type: 'figure',
      figure: 'plan-map',
      caption: t('worksheets:planMap.title'),
      alt: t('worksheets:planMap.pictureLabel'),
      // Positions precomputed here (ELK runs on the server only): the figure draws synchronously.
      data: {
        items,
        selected,
        positions: layoutNodes(model.nodes, {
          auto: autoPositionsOfItems(ctx.ofKind('node'), ctx.ofKind('relation')),
        }),
      },
      fallback: present([
        { type: 'list', ordered: false, items: list },
        model.unattached.length ? heading(4, t('worksheets:planMap.unattached')) : null,
        model.unattached.length ? { type: 'list', ordered: false, items: model.unattached.map(overlayLine) } : null,
      ]),
    },
  ]
}
