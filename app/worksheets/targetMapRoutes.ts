// The boxes and routed arrows of the target map as drawn (2.3, and 4.3 with chips under nodes): the
// single computation behind TargetMapSvg, also what the property test checks. Pure.
import { routeMap, type RoutedMap } from './mapRouter.ts'
import {
  chipStackHeight,
  labelWrappings,
  NODE_HEIGHT,
  NODE_WIDTH,
  RELATION_FONT,
  type Placed,
} from './targetMapLayout.ts'

export interface TargetMapGeometry extends RoutedMap {
  boxes: { id: string; x: number; y: number; width: number; height: number }[]
}

/** Each node's box (its chips included) and the relations routed between them with their labels. */
export function routeTargetMap(
  nodeIds: readonly string[],
  relations: readonly { id: string; from: string; to: string; text: string }[],
  positions: ReadonlyMap<string, Placed>,
  chipCounts: ReadonlyMap<string, number> = new Map(),
): TargetMapGeometry {
  const boxes = nodeIds.flatMap((id) => {
    const p = positions.get(id)
    return p
      ? [
          {
            id,
            x: p.x - NODE_WIDTH / 2,
            y: p.y - NODE_HEIGHT / 2,
            width: NODE_WIDTH,
            height: NODE_HEIGHT + chipStackHeight(chipCounts.get(id) ?? 0),
          },
        ]
      : []
  })
  const routed = routeMap(
    boxes,
    relations.map((r) => ({ id: r.id, from: r.from, to: r.to, ...labelWrappings(r.text) })),
    { fontSize: RELATION_FONT },
  )
  return { ...routed, boxes }
}
