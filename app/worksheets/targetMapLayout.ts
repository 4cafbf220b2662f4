// Geometry of the target map (2.3, reused by later layers): node centres, an automatic layered
// layout for nodes nobody has placed yet, arrow end points on box edges, label wrapping. Isomorphic.

/** Target-map coordinates (centre of a node) stay within 0…MAP_COORD_MAX. */
export const MAP_COORD_MAX = 4000

export const NODE_WIDTH = 200
export const NODE_HEIGHT = 72
const LAYER_GAP = 190
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

/** Where the nodes nobody placed go: below the placed ones (`top`), left-aligned. */
export function autoTop(placed: Iterable<Placed & { extraHeight?: number }>) {
  let bottom = -Infinity
  for (const p of placed) bottom = Math.max(bottom, p.y + NODE_HEIGHT / 2 + (p.extraHeight ?? 0))
  return bottom === -Infinity ? AUTO_MARGIN : bottom + LAYER_GAP - NODE_HEIGHT
}
const AUTO_MARGIN = 30

/**
 * Positions for every node: stored ones win; then `auto` (ELK's layered layout, computed on the
 * server, see mapPositions.server.ts); any node still without a position is placed in layers by
 * the longest chain of relations leading to it (sources at the top), spread across the width.
 */
export function layoutTargetMap(
  nodes: { id: string; x?: unknown; y?: unknown }[],
  relations: { from: string; to: string }[],
  auto: Iterable<Placed> = [],
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
  const placed = new Map<string, Placed>()
  for (const n of nodes)
    if (coordinate(n.x) !== null && coordinate(n.y) !== null)
      placed.set(n.id, { id: n.id, x: n.x as number, y: n.y as number })
  const laid = new Map([...auto].map((p) => [p.id, p]))
  for (const n of nodes) if (!placed.has(n.id) && laid.has(n.id)) placed.set(n.id, { ...laid.get(n.id)!, id: n.id })
  const unplaced = nodes.filter((n) => !placed.has(n.id))
  const layers = new Map<number, string[]>()
  for (const n of unplaced) {
    const d = depthOf(n.id)
    layers.set(d, [...(layers.get(d) ?? []), n.id])
  }
  const top = autoTop(placed.values()) + NODE_HEIGHT / 2
  const width = Math.max(MIN_WIDTH, ...[...layers.values()].map((l) => l.length * (NODE_WIDTH + 80)))
  for (const [d, layer] of [...layers.entries()].sort((a, b) => a[0] - b[0])) {
    layer.forEach((id, i) => {
      const x = Math.round(((i + 0.5) * width) / layer.length)
      placed.set(id, { id, x: clamp(x), y: top + d * LAYER_GAP })
    })
  }
  return placed
}

/** Keeps a node centre on the map (`axis` y uses the box height). */
export function clamp(v: number, axis: 'x' | 'y' = 'x') {
  const half = axis === 'x' ? NODE_WIDTH / 2 : NODE_HEIGHT / 2
  return Math.max(half, Math.min(MAP_COORD_MAX - half, Math.round(v)))
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

/** Height of one overlay chip drawn under a node (4.3), and the gap above it. */
export const CHIP_HEIGHT = 20
export const CHIP_GAP = 4

/** How much a stack of `count` chips adds under a node. */
export const chipStackHeight = (count: number) => count * (CHIP_HEIGHT + CHIP_GAP)

/** Font size and line height of relation labels on the target map (map units). */
export const RELATION_FONT = 12
export const RELATION_LINE = 14

/** A relation label's lines for the router: up to 24 characters a line, or narrower where that does not fit. */
export function labelWrappings(text: string) {
  if (!text) return { label: [], alternatives: [] }
  return { label: wrapLabel(text, 24, 3), alternatives: [wrapLabel(text, 14, 4), wrapLabel(text, 9, 6)] }
}
