// Orthogonal edge routing between fixed boxes, and edge labels placed where they hide nothing. The
// maps (2.3, 4.3, 6.1) draw their arrows with it, whoever placed the boxes: people by dragging,
// or ELK's layered layout on the server (ADR 054). Synchronous and pure, so the page, the print
// view, the PDF and the DOCX draw the same picture, and 2.3 re-routes on every drag step.
//
// How: a grid of candidate lines (each box's sides pushed out by a clearance, its centre and
// quarter lines), points inside a box removed, then A* over (grid point, heading) with a cost for
// length, bends, running inside another box's clearance and reusing a stretch another arrow took.
// Arrows leave and enter boxes at one of three slots per side, spread when several share a side.
import { boundsOf, pointInRect, rectsOverlap, segmentCrossesRect, type Point, type Rect } from './mapGeometry.ts'

export interface RouteBox extends Rect {
  id: string
}

export interface RouteEdge {
  id: string
  from: string
  to: string
  /** The label's lines (already wrapped); empty for no label. */
  label: readonly string[]
  /** Other wrappings of the same label to try, narrower ones, where the first does not fit. */
  alternatives?: readonly (readonly string[])[]
}

export interface LabelBox extends Rect {
  lines: string[]
}

export interface RoutedEdge {
  id: string
  from: string
  to: string
  /** The polyline from the border of `from` to the border of `to` (empty if it cannot be drawn). */
  points: Point[]
  label: LabelBox | null
}

export interface RoutedMap {
  edges: RoutedEdge[]
  /** Everything drawn: boxes, arrows and labels, with a small margin. */
  bounds: Rect
}

export interface RouteOptions {
  /** Font size of the labels in map units (their boxes are estimated from it). */
  fontSize?: number
}

/** How far arrows keep from boxes they do not belong to. */
export const CLEARANCE = 14
const BEND = 28
const CLEARANCE_PENALTY = 4
const SHARED_PENALTY = 3
const PORT_REUSE = 45
const OFF_CENTRE = 6
const SLOTS = [0.5, 0.25, 0.75] as const
const MARGIN = 8

type Side = 'top' | 'bottom' | 'left' | 'right'
// Headings: 0 → +x, 1 → −x, 2 → +y, 3 → −y.
const STEP: [number, number][] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
]
const OUTWARD: Record<Side, number> = { right: 0, left: 1, bottom: 2, top: 3 }
const reverse = (d: number) => d ^ 1

interface Port {
  side: Side
  border: Point
  stub: Point
  key: string
  offCentre: boolean
}

function portsOf(b: RouteBox): Port[] {
  const out: Port[] = []
  for (const f of SLOTS) {
    const x = b.x + b.width * f
    const y = b.y + b.height * f
    const offCentre = f !== 0.5
    out.push(
      { side: 'top', border: { x, y: b.y }, stub: { x, y: b.y - CLEARANCE }, key: `${b.id}:t${f}`, offCentre },
      {
        side: 'bottom',
        border: { x, y: b.y + b.height },
        stub: { x, y: b.y + b.height + CLEARANCE },
        key: `${b.id}:b${f}`,
        offCentre,
      },
      { side: 'left', border: { x: b.x, y }, stub: { x: b.x - CLEARANCE, y }, key: `${b.id}:l${f}`, offCentre },
      {
        side: 'right',
        border: { x: b.x + b.width, y },
        stub: { x: b.x + b.width + CLEARANCE, y },
        key: `${b.id}:r${f}`,
        offCentre,
      },
    )
  }
  return out
}

const padded = (r: Rect, by: number): Rect => ({
  x: r.x - by,
  y: r.y - by,
  width: r.width + 2 * by,
  height: r.height + 2 * by,
})
const round = (v: number) => Math.round(v * 100) / 100

function sortedUnique(values: number[]) {
  return [...new Set(values.map(round))].sort((a, b) => a - b)
}

/** Index of `v` in the sorted array (exact, after rounding), or -1. */
function indexOf(sorted: number[], v: number) {
  const target = round(v)
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! === target) return mid
    if (sorted[mid]! < target) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** Indices i with lo < sorted[i] < hi. */
function between(sorted: number[], lo: number, hi: number): [number, number] {
  let first = 0
  while (first < sorted.length && sorted[first]! <= lo) first++
  let last = sorted.length - 1
  while (last >= 0 && sorted[last]! >= hi) last--
  return [first, last]
}

class MinHeap {
  private keys: number[] = []
  private values: number[] = []
  get size() {
    return this.keys.length
  }
  push(key: number, value: number) {
    const keys = this.keys
    const values = this.values
    let i = keys.length
    keys.push(key)
    values.push(value)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (keys[parent]! <= key) break
      keys[i] = keys[parent]!
      values[i] = values[parent]!
      i = parent
    }
    keys[i] = key
    values[i] = value
  }
  pop(): number {
    const keys = this.keys
    const values = this.values
    const top = values[0]!
    const lastKey = keys.pop()!
    const lastValue = values.pop()!
    const n = keys.length
    if (n > 0) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= n) break
        const r = l + 1
        const c = r < n && keys[r]! < keys[l]! ? r : l
        if (keys[c]! >= lastKey) break
        keys[i] = keys[c]!
        values[i] = values[c]!
        i = c
      }
      keys[i] = lastKey
      values[i] = lastValue
    }
    return top
  }
}

/** The grid the arrows run on: candidate lines, blocked points, and whose clearance each point is in. */
function buildGrid(boxes: RouteBox[]) {
  const outer = boundsOf(boxes)
  const xs = sortedUnique([
    outer.x - 2 * CLEARANCE,
    outer.x + outer.width + 2 * CLEARANCE,
    ...boxes.flatMap((b) => [b.x - CLEARANCE, b.x + b.width + CLEARANCE, ...SLOTS.map((f) => b.x + b.width * f)]),
  ])
  const ys = sortedUnique([
    outer.y - 2 * CLEARANCE,
    outer.y + outer.height + 2 * CLEARANCE,
    ...boxes.flatMap((b) => [b.y - CLEARANCE, b.y + b.height + CLEARANCE, ...SLOTS.map((f) => b.y + b.height * f)]),
  ])
  const ny = ys.length
  const blocked = new Uint8Array(xs.length * ny)
  // Per point, the boxes whose clearance it lies in (rarely more than one).
  const near = new Map<number, number[]>()
  boxes.forEach((b, index) => {
    const [x0, x1] = between(xs, b.x - CLEARANCE, b.x + b.width + CLEARANCE)
    const [y0, y1] = between(ys, b.y - CLEARANCE, b.y + b.height + CLEARANCE)
    for (let i = x0; i <= x1; i++)
      for (let j = y0; j <= y1; j++) {
        const id = i * ny + j
        if (pointInRect({ x: xs[i]!, y: ys[j]! }, b)) blocked[id] = 1
        else near.set(id, [...(near.get(id) ?? []), index])
      }
  })
  return { xs, ys, ny, blocked, near }
}

type Grid = ReturnType<typeof buildGrid>

interface Search {
  grid: Grid
  from: number
  to: number
  sources: Port[]
  targets: Port[]
  target: Rect
  portUse: Map<string, number>
  segmentUse: Map<number, number>
}

const segmentKey = (a: number, b: number, size: number) => Math.min(a, b) * size + Math.max(a, b)

/** A* from any usable port of `from` to any usable port of `to`; the grid points of the best path. */
function search(s: Search): { source: Port; target: Port; points: Point[] } | null {
  const { xs, ys, ny, blocked, near } = s.grid
  const size = xs.length * ny
  const nodeOf = (p: Point) => {
    const i = indexOf(xs, p.x)
    const j = indexOf(ys, p.y)
    return i < 0 || j < 0 ? -1 : i * ny + j
  }
  const portCost = (p: Port) => (p.offCentre ? OFF_CENTRE : 0) + PORT_REUSE * (s.portUse.get(p.key) ?? 0)
  const heuristic = (node: number) => {
    const x = xs[Math.floor(node / ny)]!
    const y = ys[node % ny]!
    const t = padded(s.target, CLEARANCE)
    return Math.max(0, t.x - x, x - t.x - t.width) + Math.max(0, t.y - y, y - t.y - t.height)
  }
  const states = size * 4
  const GOAL_BASE = states
  const cost = new Float64Array(states).fill(Infinity)
  const parent = new Int32Array(states).fill(-1)
  const closed = new Uint8Array(states)
  const startPort = new Map<number, Port>()
  const goals: { port: Port; state: number }[] = []
  const targetsAt = new Map<number, Port[]>()
  for (const p of s.targets) {
    const node = nodeOf(p.stub)
    if (node >= 0 && !blocked[node]) targetsAt.set(node, [...(targetsAt.get(node) ?? []), p])
  }
  if (targetsAt.size === 0) return null
  const heap = new MinHeap()
  for (const p of s.sources) {
    const node = nodeOf(p.stub)
    if (node < 0 || blocked[node]) continue
    const state = node * 4 + OUTWARD[p.side]
    const g = CLEARANCE + portCost(p)
    if (g < cost[state]!) {
      cost[state] = g
      startPort.set(state, p)
      heap.push(g + heuristic(node), state)
    }
  }
  const foreign = (node: number) => (near.get(node) ?? []).some((b) => b !== s.from && b !== s.to)
  while (heap.size > 0) {
    const state = heap.pop()
    if (state >= GOAL_BASE) {
      const goal = goals[state - GOAL_BASE]!
      const nodes: number[] = []
      let at = goal.state
      while (at >= 0) {
        nodes.push(Math.floor(at / 4))
        if (startPort.has(at) && parent[at] === -1) break
        at = parent[at]!
      }
      nodes.reverse()
      const first = startPort.get(at)!
      const points = nodes.map((n) => ({ x: xs[Math.floor(n / ny)]!, y: ys[n % ny]! }))
      return { source: first, target: goal.port, points }
    }
    if (closed[state]) continue
    closed[state] = 1
    const node = Math.floor(state / 4)
    const heading = state % 4
    const g = cost[state]!
    for (const p of targetsAt.get(node) ?? []) {
      const inward = reverse(OUTWARD[p.side])
      if (heading === OUTWARD[p.side]) continue
      const total = g + CLEARANCE + (heading === inward ? 0 : BEND) + portCost(p)
      goals.push({ port: p, state })
      heap.push(total, GOAL_BASE + goals.length - 1)
    }
    const i = Math.floor(node / ny)
    const j = node % ny
    for (let d = 0; d < 4; d++) {
      if (d === reverse(heading)) continue
      const ni = i + STEP[d]![0]
      const nj = j + STEP[d]![1]
      if (ni < 0 || nj < 0 || ni >= xs.length || nj >= ny) continue
      const next = ni * ny + nj
      if (blocked[next]) continue
      const length = Math.abs(xs[ni]! - xs[i]!) + Math.abs(ys[nj]! - ys[j]!)
      const weight =
        1 +
        (foreign(node) || foreign(next) ? CLEARANCE_PENALTY : 0) +
        SHARED_PENALTY * (s.segmentUse.get(segmentKey(node, next, size)) ?? 0)
      const ng = g + length * weight + (d === heading ? 0 : BEND)
      const nextState = next * 4 + d
      if (!closed[nextState] && ng < cost[nextState]!) {
        cost[nextState] = ng
        parent[nextState] = state
        startPort.delete(nextState)
        heap.push(ng + heuristic(next), nextState)
      }
    }
  }
  return null
}

/** Drops points that continue straight on (and repeated points). */
export function simplify(points: Point[]): Point[] {
  const out: Point[] = []
  for (const p of points) {
    const last = out[out.length - 1]
    if (last && last.x === p.x && last.y === p.y) continue
    const before = out[out.length - 2]
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y)))
      out[out.length - 1] = p
    else out.push(p)
  }
  return out
}

/** Where the straight line between the box centres leaves each box (the fallback when no route exists). */
function straight(a: Rect, b: Rect): Point[] {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 }
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 }
  const exit = (c: Point, r: Rect, towards: Point) => {
    const dx = towards.x - c.x
    const dy = towards.y - c.y
    const sx = dx === 0 ? Infinity : r.width / 2 / Math.abs(dx)
    const sy = dy === 0 ? Infinity : r.height / 2 / Math.abs(dy)
    const k = Math.min(sx, sy, 1)
    return { x: c.x + dx * k, y: c.y + dy * k }
  }
  return [exit(ca, a, cb), exit(cb, b, ca)]
}

/** The box a label of these lines needs at this font size (text widths estimated: no fonts on the server). */
export function labelSize(lines: readonly string[], fontSize: number) {
  const longest = Math.max(0, ...lines.map((l) => l.length))
  return { width: Math.ceil(longest * fontSize * 0.62) + 8, height: Math.ceil(lines.length * fontSize * 1.25) + 4 }
}

function labelCandidates(points: Point[], size: { width: number; height: number }): Point[] {
  const segments = points
    .slice(1)
    .map((q, i) => ({ p: points[i]!, q, length: Math.abs(q.x - points[i]!.x) + Math.abs(q.y - points[i]!.y) }))
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length)
  const out: Point[] = []
  for (const { p, q } of segments) {
    const horizontal = p.y === q.y
    for (const f of [0.5, 0.3, 0.7, 0.15, 0.85]) {
      const c = { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f }
      if (horizontal) out.push(c, { x: c.x, y: c.y - size.height / 2 - 3 }, { x: c.x, y: c.y + size.height / 2 + 3 })
      else out.push({ x: c.x + size.width / 2 + 4, y: c.y }, { x: c.x - size.width / 2 - 4, y: c.y }, c)
    }
  }
  return out
}

/** A spot for each label that overlaps no box and no other label, as near its arrow as possible. */
function placeLabels(
  boxes: RouteBox[],
  routed: RoutedEdge[],
  wanted: Map<string, readonly (readonly string[])[]>,
  fontSize: number,
) {
  const placed: Rect[] = []
  const free = (r: Rect) => !boxes.some((b) => rectsOverlap(r, b, 3)) && !placed.some((l) => rectsOverlap(r, l, 2))
  const at = (c: Point, size: { width: number; height: number }): Rect => ({
    x: round(c.x - size.width / 2),
    y: round(c.y - size.height / 2),
    width: size.width,
    height: size.height,
  })
  for (const edge of routed) {
    const wrappings = (wanted.get(edge.id) ?? []).filter((lines) => lines.length > 0)
    if (wrappings.length === 0 || edge.points.length < 2) continue
    // Along the arrow, the wrapping and spot crossing the fewest other arrows (wider wrappings first).
    let best: { r: Rect; lines: readonly string[] } | null = null
    let bestScore = Infinity
    for (const lines of wrappings) {
      const size = labelSize(lines, fontSize)
      for (const c of labelCandidates(edge.points, size)) {
        const r = at(c, size)
        if (!free(r)) continue
        let score = 0
        for (const other of routed)
          if (other !== edge)
            for (let i = 1; i < other.points.length; i++)
              if (segmentCrossesRect(other.points[i - 1]!, other.points[i]!, r)) score++
        if (score < bestScore) {
          best = { r, lines }
          bestScore = score
          if (score === 0) break
        }
      }
      if (bestScore === 0) break
    }
    // Nowhere along the arrow: the nearest free spot around its middle (always found, the map is finite).
    if (!best) {
      const lines = wrappings[0]!
      const size = labelSize(lines, fontSize)
      const mid = edge.points[Math.floor(edge.points.length / 2)]!
      for (let radius = 20; !best; radius += 20)
        for (let k = 0, n = Math.ceil(radius / 5); k < n && !best; k++) {
          const angle = (2 * Math.PI * k) / n
          const r = at({ x: mid.x + radius * Math.cos(angle), y: mid.y + radius * Math.sin(angle) }, size)
          if (free(r)) best = { r, lines }
        }
    }
    placed.push(best.r)
    edge.label = { ...best.r, lines: [...best.lines] }
  }
}

/**
 * Routes every edge between its boxes without entering any other box, and places its label where it
 * overlaps no box and no other label. Boxes are not moved; edges with an unknown end are left out.
 */
export function routeMap(
  boxes: readonly RouteBox[],
  edges: readonly RouteEdge[],
  options: RouteOptions = {},
): RoutedMap {
  const fontSize = options.fontSize ?? 12
  const list = [...boxes]
  const index = new Map(list.map((b, i) => [b.id, i]))
  const grid = buildGrid(list)
  const size = grid.xs.length * grid.ny
  const portUse = new Map<string, number>()
  const segmentUse = new Map<number, number>()
  const ports = new Map(list.map((b) => [b.id, portsOf(b)]))
  const centre = (b: Rect) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 })
  const usable = edges.filter((e) => e.from !== e.to && index.has(e.from) && index.has(e.to))
  // Short arrows first: they get the straight paths, long ones go around them.
  const order = [...usable].sort((a, b) => {
    const d = (e: RouteEdge) => {
      const p = centre(list[index.get(e.from)!]!)
      const q = centre(list[index.get(e.to)!]!)
      return Math.abs(p.x - q.x) + Math.abs(p.y - q.y)
    }
    return d(a) - d(b) || a.id.localeCompare(b.id)
  })
  const routes = new Map<string, RoutedEdge>()
  for (const e of order) {
    const from = index.get(e.from)!
    const to = index.get(e.to)!
    const found = search({
      grid,
      from,
      to,
      sources: ports.get(e.from)!,
      targets: ports.get(e.to)!,
      target: list[to]!,
      portUse,
      segmentUse,
    })
    let points: Point[]
    if (found) {
      points = simplify([found.source.border, ...found.points, found.target.border])
      portUse.set(found.source.key, (portUse.get(found.source.key) ?? 0) + 1)
      portUse.set(found.target.key, (portUse.get(found.target.key) ?? 0) + 1)
      const nodes = found.points.map((p) => indexOf(grid.xs, p.x) * grid.ny + indexOf(grid.ys, p.y))
      for (let i = 1; i < nodes.length; i++) {
        const key = segmentKey(nodes[i - 1]!, nodes[i]!, size)
        segmentUse.set(key, (segmentUse.get(key) ?? 0) + 1)
      }
    } else points = straight(list[from]!, list[to]!)
    routes.set(e.id, { id: e.id, from: e.from, to: e.to, points, label: null })
  }
  // Labels in the edges' own order, so the same map always gets the same picture.
  const routed = usable.map((e) => routes.get(e.id)!)
  placeLabels(list, routed, new Map(usable.map((e) => [e.id, [e.label, ...(e.alternatives ?? [])]])), fontSize)
  const all = boundsOf(
    [...list, ...routed.flatMap((e) => (e.label ? [e.label] : []))],
    routed.flatMap((e) => e.points),
  )
  return {
    edges: routed,
    bounds: { x: all.x - MARGIN, y: all.y - MARGIN, width: all.width + 2 * MARGIN, height: all.height + 2 * MARGIN },
  }
}
