// 2.3 in the exported plan: the target map as a figure, its nodes and relations as tables otherwise.
import { present, worksheetTable, type ComposeContext } from '../../exports/compose/context.ts'
import { type Block } from '../../exports/types.ts'
import { autoPositionsOfItems } from '../../worksheets/mapPositions.server.ts'
import { layoutTargetMap } from '../../worksheets/targetMapLayout.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const numOrNull = (v: unknown) => (typeof v === 'number' ? v : null)

export function targetMapSection(ctx: ComposeContext): Block[] {
  const nodes = ctx.ofKind('node')
  if (nodes.length === 0) return []
  const relations = ctx.ofKind('relation').map((r) => ({
    id: r.id,
    from: str(r.data.from),
    to: str(r.data.to),
    relationType: str(r.data.relationType) || null,
    label: str(r.data.label),
    strength: numOrNull(r.data.strength),
  }))
  const placed = layoutTargetMap(
    nodes.map((n) => ({ id: n.id, x: n.data.x, y: n.data.y })),
    relations,
    autoPositionsOfItems(nodes, ctx.ofKind('relation')),
  )
  const data = {
    nodes: nodes.map((n) => ({
      id: n.id,
      ref: n.ref,
      label: str(n.data.label),
      nodeType: str(n.data.nodeCategory) || null,
      isPivot: n.data.isPivot === true,
      countUnits: numOrNull(n.data.countUnits),
      countWorkers: numOrNull(n.data.countWorkers),
    })),
    relations,
    positions: [...placed.values()],
  }
  const { t } = ctx
  return [
    {
      type: 'figure',
      figure: 'target-map',
      caption: t('worksheets:targetMap.title'),
      alt: t('worksheets:targetMap.diagram', { nodes: nodes.length, relations: relations.length }),
      data,
      fallback: present([
        worksheetTable(ctx, 'node'),
        worksheetTable(ctx, 'relation', { columns: ['from', 'relationType', 'to', 'label', 'strength'] }),
      ]),
    },
  ]
}
