// The 3.1 problem tree as a tidy tree, top-down: the problem at the top, direct causes under it,
// root causes deepest. Leaves take consecutive columns and each parent sits centred over its
// children, so boxes never overlap and the elbow links never cross a box. Pure and synchronous:
// the page, the print view and the exports draw the same tree.
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

export const BOX_WIDTH = 200
export const HEAD_HEIGHT = 22
export const LINE_HEIGHT = 15
const GAP_X = 24
const GAP_Y = 44
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
  const lines = (text: string) => wrapLabel(text || '—', 30, 4)
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
  const depthHeight: number[] = []
  for (const o of order) depthHeight[o.depth] = Math.max(depthHeight[o.depth] ?? 0, heightOf(textOf(o).length))
  const depthTop: number[] = []
  depthHeight.forEach((_, d) => {
    depthTop[d] = d === 0 ? MARGIN : depthTop[d - 1]! + depthHeight[d - 1]! + GAP_Y
  })
  const x = new Map<string, number>()
  let column = 0
  const place = (id: string): number => {
    const o = byId.get(id)!
    if (o.kids.length === 0) {
      x.set(id, MARGIN + column++ * (BOX_WIDTH + GAP_X))
      return x.get(id)!
    }
    const xs = o.kids.map(place)
    x.set(id, (xs[0]! + xs[xs.length - 1]!) / 2)
    return x.get(id)!
  }
  place(PROBLEM_ID)
  const boxes: TreeBox[] = order.map((o) => {
    const text = textOf(o)
    return {
      id: o.id,
      ref: o.cause?.ref ?? '',
      level: o.cause?.level ?? null,
      lines: text,
      x: x.get(o.id)!,
      y: depthTop[o.depth]!,
      width: BOX_WIDTH,
      height: heightOf(text.length),
    }
  })
  const box = new Map(boxes.map((b) => [b.id, b]))
  const links = order.flatMap((o) =>
    o.kids.map((kid) => {
      const p = box.get(o.id)!
      const c = box.get(kid)!
      const mid = c.y - GAP_Y / 2
      return {
        from: o.id,
        to: kid,
        points: [
          { x: p.x + p.width / 2, y: p.y + p.height },
          { x: p.x + p.width / 2, y: mid },
          { x: c.x + c.width / 2, y: mid },
          { x: c.x + c.width / 2, y: c.y },
        ],
      }
    }),
  )
  const width = Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN
  const height = Math.max(...boxes.map((b) => b.y + b.height)) + MARGIN
  return { boxes, links, width, height }
}
