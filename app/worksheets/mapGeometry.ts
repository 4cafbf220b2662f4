// Plain rectangle and segment geometry shared by the map router and the tests that check its
// pictures. Rectangles are top-left based; "inside" always means strictly inside, so a line that
// only touches a border (an arrow ending on its box) does not count as crossing it. Pure.

export interface Point {
  x: number
  y: number
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Whether the two rectangles share some area (touching borders do not), after growing `a` by `gap`. */
export function rectsOverlap(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x - gap < b.x + b.width && b.x < a.x + a.width + gap && a.y - gap < b.y + b.height && b.y < a.y + a.height + gap
  )
}

/** Whether the point lies strictly inside the rectangle. */
export function pointInRect(p: Point, r: Rect): boolean {
  return p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height
}

/**
 * Whether the segment p→q passes through the inside of the rectangle (any direction of segment;
 * Liang–Barsky clipping against the rectangle shrunk by a hair, so borders do not count).
 */
export function segmentCrossesRect(p: Point, q: Point, r: Rect, tolerance = 0.5): boolean {
  const left = r.x + tolerance
  const right = r.x + r.width - tolerance
  const top = r.y + tolerance
  const bottom = r.y + r.height - tolerance
  if (left >= right || top >= bottom) return false
  const dx = q.x - p.x
  const dy = q.y - p.y
  let t0 = 0
  let t1 = 1
  const edges: [number, number][] = [
    [-dx, p.x - left],
    [dx, right - p.x],
    [-dy, p.y - top],
    [dy, bottom - p.y],
  ]
  for (const [denominator, numerator] of edges) {
    if (denominator === 0) {
      if (numerator < 0) return false
      continue
    }
    const t = numerator / denominator
    if (denominator < 0) {
      if (t > t1) return false
      if (t > t0) t0 = t
    } else {
      if (t < t0) return false
      if (t < t1) t1 = t
    }
  }
  return t1 - t0 > 1e-9
}

/** Whether any segment of the polyline passes through the inside of the rectangle. */
export function polylineCrossesRect(points: readonly Point[], r: Rect): boolean {
  for (let i = 1; i < points.length; i++) if (segmentCrossesRect(points[i - 1]!, points[i]!, r)) return true
  return false
}

/** The smallest rectangle holding all of the rectangles and points (an empty picture is 0×0 at 0,0). */
export function boundsOf(rects: readonly Rect[], points: readonly Point[] = []): Rect {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const r of rects) {
    minX = Math.min(minX, r.x)
    minY = Math.min(minY, r.y)
    maxX = Math.max(maxX, r.x + r.width)
    maxY = Math.max(maxY, r.y + r.height)
  }
  for (const p of points) {
    minX = Math.min(minX, p.x)
    minY = Math.min(minY, p.y)
    maxX = Math.max(maxX, p.x)
    maxY = Math.max(maxY, p.y)
  }
  if (minX === Infinity) return { x: 0, y: 0, width: 0, height: 0 }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
}
