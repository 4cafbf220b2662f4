// The 3.1 problem tree as a tidy tree read left to right: the problem on the left, direct causes
// next, root causes deepest (right). Left to right because a cause tree is shallow and wide: this
// way it is tall and narrow like the list beside it. Each subtree gets its own band of rows and a
// parent sits centred on its children, so boxes never overlap and the elbow links never cross a
// box. Pure and synchronous: the page, the print view and the exports draw the same tree.
import { type Point } from '../../worksheets/mapGeometry.ts'
import { wrapLabel } from '../../worksheets/targetMapLayout.ts'

export interface TreeCause {
  id: string
  ref: string
  /** The parent cause's id, or null (or an unknown id) for a cause directly under the problem. */
  parent: string | null
  statement: string
  level: string | null
}

export interface TreeBox {
  /** `problem` for the trunk. */
  id: string
  ref: string
  level: string | null
  lines: string[]
  x: number
  y: number
  width: number
  height: number
}

export interface CauseTreeLayout {
  boxes: TreeBox[]
  links: { from: string; to: string; points: Point[] }[]
  width: number
  height: number
}

export const BOX_WIDTH = 176
export const HEAD_HEIGHT = 22
export const LINE_HEIGHT = 15
const GAP_X = 34
const GAP_Y = 12
const MARGIN = 12
export const PROBLEM_ID = 'problem'

/** Lays out the problem (`trunk`, its text) and the causes under it. */
export function layoutCauseTree(trunk: string, causes: readonly TreeCause[]): CauseTreeLayout {
  const ids = new Set(causes.map((c) => c.id))
  const children = new Map<string, TreeCause[]>()
  for (const c of causes) {
    const parent = c.parent && ids.has(c.parent) && c.parent !== c.id ? c.parent : PROBLEM_ID
    children.set(parent, [...(children.get(parent) ?? []), c])
  }
  const lines = (text: string) => wrapLabel(text || '—', 26, 4)
  const heightOf = (n: number) => HEAD_HEIGHT + n * LINE_HEIGHT + 8
  // Depth-first from the problem; a cause seen twice (a cycle the server refused to store) is skipped.
  const seen = new Set<string>()
  const order: { id: string; depth: number; kids: string[]; cause: TreeCause | null }[] = []
  const visit = (id: string, cause: TreeCause | null, depth: number) => {
    seen.add(id)
    const entry = { id, depth, kids: [] as string[], cause }
    order.push(entry)
    for (const c of children.get(id) ?? [])
      if (!seen.has(c.id)) {
        entry.kids.push(c.id)
        visit(c.id, c, depth + 1)
      }
  }
  visit(PROBLEM_ID, null, 0)
  // Causes only reachable through a cycle hang under the problem, so none is hidden.
  for (const c of causes)
    if (!seen.has(c.id)) {
      order[0]!.kids.push(c.id)
      visit(c.id, c, 1)
    }
  const byId = new Map(order.map((o) => [o.id, o]))
  const textOf = (o: (typeof order)[number]) => lines(o.cause ? o.cause.statement : trunk)
  // Each subtree takes the band [top, top + span): its children one under another, itself centred on them.
  const y = new Map<string, number>()
  const place = (id: string, top: number): number => {
    const o = byId.get(id)!
    const own = heightOf(textOf(o).length)
    const childrenSpan = o.kids.length
      ? o.kids.reduce((sum, kid) => sum + span(kid), 0) + GAP_Y * (o.kids.length - 1)
      : 0
    let next = top + Math.max(0, (own - childrenSpan) / 2)
    const centres: number[] = []
    for (const kid of o.kids) {
      const kidSpan = place(kid, next)
      centres.push(y.get(kid)! + heightOf(textOf(byId.get(kid)!).length) / 2)
      next += kidSpan + GAP_Y
    }
    const centre = centres.length ? (centres[0]! + centres[centres.length - 1]!) / 2 : top + own / 2
    y.set(id, Math.max(top, centre - own / 2))
    return Math.max(own, childrenSpan)
  }
  const spans = new Map<string, number>()
  const span = (id: string): number => {
    const known = spans.get(id)
    if (known !== undefined) return known
    const o = byId.get(id)!
    const own = heightOf(textOf(o).length)
    const children = o.kids.length ? o.kids.reduce((sum, kid) => sum + span(kid), 0) + GAP_Y * (o.kids.length - 1) : 0
    spans.set(id, Math.max(own, children))
    return spans.get(id)!
  }
  place(PROBLEM_ID, MARGIN)
  const boxes: TreeBox[] = order.map((o) => {
    const text = textOf(o)
    return {
      id: o.id,
      ref: o.cause?.ref ?? '',
      level: o.cause?.level ?? null,
      lines: text,
      x: MARGIN + o.depth * (BOX_WIDTH + GAP_X),
      y: y.get(o.id)!,
      width: BOX_WIDTH,
      height: heightOf(text.length),
    }
  })
  const box = new Map(boxes.map((b) => [b.id, b]))
  const links = order.flatMap((o) =>
    o.kids.map((kid) => {
      const p = box.get(o.id)!
      const c = box.get(kid)!
      const mid = c.x - GAP_X / 2
      return {
        from: o.id,
        to: kid,
        points: [
          { x: p.x + p.width, y: p.y + p.height / 2 },
          { x: mid, y: p.y + p.height / 2 },
          { x: mid, y: c.y + c.height / 2 },
          { x: c.x, y: c.y + c.height / 2 },
        ],
      }
    }),
  )
  const width = Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN
  const height = Math.max(...boxes.map((b) => b.y + b.height)) + MARGIN
  return { boxes, links, width, height }
}
