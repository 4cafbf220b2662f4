// Geometry of the printed plan map: the 2.3 arrangement of nodes kept as rows and columns, each card
// tall enough for its visible overlays, so cards never overlap however many layers are shown. Pure.
import { routeMap, type RoutedMap } from './mapRouter.ts'
import { type Layer, type MapNode, type PlanMapModel } from './planMap.ts'
import { labelWrappings } from './targetMapLayout.ts'

export const CARD_WIDTH = 290
export const HEADER_HEIGHT = 56
export const ROW_HEIGHT = 22
const COLUMN_GAP = 140
const ROW_GAP = 70
const MARGIN = 20
/** Font size and line height of relation labels on the plan map (map units). */
export const PM_RELATION_FONT = 11.5
export const PM_RELATION_LINE = 13

export interface Card {
  node: MapNode
  x: number
  y: number
  width: number
  height: number
  overlays: MapNode['overlays']
}

/** Groups coordinates that lie within `tolerance` of each other; returns the group index of each value. */
function bands(values: number[], tolerance: number): Map<number, number> {
  const sorted = [...new Set(values)].sort((a, b) => a - b)
  const out = new Map<number, number>()
  let band = -1
  let last = -Infinity
  for (const v of sorted) {
    if (v - last > tolerance) band += 1
    out.set(v, band)
    last = v
  }
  return out
}

/** Places the node cards on a grid that follows the target map's arrangement. */
export function layoutCards(
  nodes: MapNode[],
  layers: ReadonlySet<Layer>,
  positions: { id: string; x: number; y: number }[],
) {
  const pos = new Map(positions.map((p) => [p.id, p]))
  const cols = bands(
    positions.map((p) => p.x),
    120,
  )
  const rows = bands(
    positions.map((p) => p.y),
    90,
  )
  const taken = new Set<string>()
  const cells = nodes.map((node) => {
    const p = pos.get(node.id)!
    let col = cols.get(p.x)!
    const row = rows.get(p.y)!
    while (taken.has(`${row}:${col}`)) col += 1
    taken.add(`${row}:${col}`)
    const overlays = node.overlays.filter((o) => layers.has(o.layer))
    return {
      node,
      row,
      col,
      overlays,
      height: HEADER_HEIGHT + overlays.length * ROW_HEIGHT + (overlays.length ? 10 : 0),
    }
  })
  const rowCount = Math.max(0, ...cells.map((c) => c.row + 1))
  const colCount = Math.max(0, ...cells.map((c) => c.col + 1))
  const rowHeights = Array.from({ length: rowCount }, (_, r) =>
    Math.max(0, ...cells.filter((c) => c.row === r).map((c) => c.height)),
  )
  const rowTops = rowHeights.map((_, r) => MARGIN + rowHeights.slice(0, r).reduce((a, h) => a + h + ROW_GAP, 0))
  const cards: Card[] = cells.map((c) => ({
    node: c.node,
    overlays: c.overlays,
    x: MARGIN + c.col * (CARD_WIDTH + COLUMN_GAP),
    y: rowTops[c.row]!,
    width: CARD_WIDTH,
    height: c.height,
  }))
  const width = MARGIN * 2 + colCount * CARD_WIDTH + Math.max(0, colCount - 1) * COLUMN_GAP
  const height = rowCount ? rowTops[rowCount - 1]! + rowHeights[rowCount - 1]! + MARGIN : 0
  return { cards, width, height }
}

/**
 * The printed plan map as drawn: its cards, and the relations routed around them with their labels
 * where they hide nothing (mapRouter.ts). `text` names a relation (its label or its type's name).
 */
export function routePlanMap(
  model: PlanMapModel,
  layers: ReadonlySet<Layer>,
  positions: { id: string; x: number; y: number }[],
  text: (relation: PlanMapModel['relations'][number]) => string,
): ReturnType<typeof layoutCards> & RoutedMap {
  const laid = layoutCards(model.nodes, layers, positions)
  const routed = routeMap(
    laid.cards.map((c) => ({ id: c.node.id, x: c.x, y: c.y, width: c.width, height: c.height })),
    model.relations.map((r) => {
      const words = text(r)
      return { id: r.id, from: r.from, to: r.to, ...labelWrappings(words) }
    }),
    { fontSize: PM_RELATION_FONT },
  )
  return { ...laid, ...routed }
}
