// Geometry of the target map (2.3, reused by later layers): node centres, an automatic layered
// layout for nodes nobody has placed yet, arrow end points on box edges, label wrapping. Isomorphic.

/** Target-map coordinates (centre of a node) stay within 0…MAP_COORD_MAX. */
export const MAP_COORD_MAX = 4000

export const NODE_WIDTH = 200
export const NODE_HEIGHT = 72
const LAYER_GAP = 180
const MIN_WIDTH = 960

export interface Placed {
  id: string
  x: number
  y: number
}

const coordinate = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/** A node's saved position (null where nobody placed it), as one value: x and y are chosen together. */
export interface StoredPosition {
  x: number | null
  y: number | null
}

/** The saved position in a node's data (or in a form's base), empty coordinates as null. */
export function storedPosition(data: unknown): StoredPosition {
  const d = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {}
  return { x: coordinate(d.x), y: coordinate(d.y) }
}

/**
 * Positions for every node: stored ones are kept; the others are placed in layers by the longest
 * chain of relations leading to them (sources at the top), spread evenly across the width.
 */
export function layoutTargetMap(
  nodes: { id: string; x?: unknown; y?: unknown }[],
  relations: { from: string; to: string }[],
): Map<string, Placed> {
  const ids = new Set(nodes.map((n) => n.id))
  const incoming = new Map<string, string[]>(nodes.map((n) => [n.id, []]))
  for (const r of relations) if (ids.has(r.from) && ids.has(r.to) && r.from !== r.to) incoming.get(r.to)!.push(r.from)
  const depth = new Map<string, number>()
  const visiting = new Set<string>()
  const depthOf = (id: string): number => {
    const known = depth.get(id)
    if (known !== undefined) return known
    if (visiting.has(id)) return 0 // a cycle: break it here
    visiting.add(id)
    const d = Math.max(-1, ...incoming.get(id)!.map(depthOf)) + 1
    visiting.delete(id)
    depth.set(id, d)
    return d
  }
  const unplaced = nodes.filter((n) => coordinate(n.x) === null || coordinate(n.y) === null)
  const layers = new Map<number, string[]>()
  for (const n of unplaced) {
    const d = depthOf(n.id)
    layers.set(d, [...(layers.get(d) ?? []), n.id])
  }
  const placed = new Map<string, Placed>()
  for (const n of nodes)
    if (coordinate(n.x) !== null && coordinate(n.y) !== null)
      placed.set(n.id, { id: n.id, x: n.x as number, y: n.y as number })
  const top = placed.size > 0 ? Math.max(...[...placed.values()].map((p) => p.y)) + LAYER_GAP : NODE_HEIGHT + 30
  const width = Math.max(MIN_WIDTH, ...[...layers.values()].map((l) => l.length * (NODE_WIDTH + 40)))
  for (const [d, layer] of [...layers.entries()].sort((a, b) => a[0] - b[0])) {
    layer.forEach((id, i) => {
      const x = Math.round(((i + 0.5) * width) / layer.length)
      placed.set(id, { id, x: clamp(x), y: clamp(top + d * LAYER_GAP, 'y') })
    })
  }
  return placed
}

/** Keeps a node centre on the map (`axis` y uses the box height). */
export function clamp(v: number, axis: 'x' | 'y' = 'x') {
  const half = axis === 'x' ? NODE_WIDTH / 2 : NODE_HEIGHT / 2
  return Math.max(half, Math.min(MAP_COORD_MAX - half, Math.round(v)))
}

/** The view box that shows every node with a margin (never smaller than a landscape page). */
export function mapBounds(points: Iterable<Placed>) {
  let width = MIN_WIDTH
  let height = 420
  for (const p of points) {
    width = Math.max(width, p.x + NODE_WIDTH / 2 + 40)
    height = Math.max(height, p.y + NODE_HEIGHT / 2 + 60)
  }
  return { width, height }
}

/** Where the line from the centre of box `a` towards `b` leaves box `a` (plus a gap); boxes are target-map nodes unless `size` says otherwise. */
export function edgePoint(
  a: { x: number; y: number },
  b: { x: number; y: number },
  gap = 0,
  size = { width: NODE_WIDTH, height: NODE_HEIGHT },
) {
  const dx = b.x - a.x
  const dy = b.y - a.y
  if (dx === 0 && dy === 0) return { x: a.x, y: a.y }
  const sx = dx === 0 ? Infinity : (size.width / 2 + gap) / Math.abs(dx)
  const sy = dy === 0 ? Infinity : (size.height / 2 + gap) / Math.abs(dy)
  const s = Math.min(sx, sy)
  return { x: a.x + dx * s, y: a.y + dy * s }
}

/** Splits a label into at most `lines` lines of about `width` characters, with an ellipsis if cut. */
export function wrapLabel(text: string, width = 24, lines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean)
  const out: string[] = []
  let current = ''
  for (const word of words) {
    const next = current ? `${current} ${word}` : word
    if (next.length <= width || !current) current = next
    else {
      out.push(current)
      current = word
    }
  }
  if (current) out.push(current)
  if (out.length <= lines) return out.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l))
  const kept = out.slice(0, lines)
  const last = kept[lines - 1]!
  kept[lines - 1] = `${last.length > width - 1 ? last.slice(0, width - 1) : last}…`
  return kept
}
