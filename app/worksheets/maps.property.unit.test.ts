import { describe, expect, it } from 'vitest'
import { autoPositions } from './mapPositions.server.ts'
import { polylineCrossesRect, rectsOverlap, type Point, type Rect } from './mapGeometry.ts'
import { buildPlanMap, layoutNodes, LAYERS, type Layer, type MapItem } from './planMap.ts'
import { routePlanMap } from './planMapLayout.ts'
import { layoutTargetMap, NODE_HEIGHT, NODE_WIDTH, type Placed } from './targetMapLayout.ts'
import { routeTargetMap } from './targetMapRoutes.ts'
import { seededRandom } from '#tests/seeded-random.ts'

// Property test of the maps (issue 13): random plans — nodes, relations, some nodes placed by hand,
// overlays on the plan map — must come out with no arrow through a box that is not one of its
// ends, no arrow inside its own boxes, and no label on a box or on another label. The generator
// is seeded: a failure names its seed, and `SEED=<n>` re-runs just that plan.

const random = seededRandom

const WORDS = ['sources', 'from', 'employs', 'owns', 'contracts', 'labour', 'to', 'supplies', 'buys', 'catch', 'of']

interface Plan {
  nodes: { id: string; data: Record<string, unknown> }[]
  relations: { id: string; from: string; to: string; text: string }[]
}

/** Hand-placed boxes do not overlap each other (a gap of at least `gap`); the rest are ELK's. */
function generatePlan(seed: number, gap = 10): Plan {
  const r = random(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))
  const n = int(2, 12)
  const handPlaced = r() < 0.3 ? 1 : r() < 0.5 ? 0 : r()
  const placedBoxes: Rect[] = []
  const nodes = Array.from({ length: n }, (_, i) => {
    const data: Record<string, unknown> = { label: `Node ${i}` }
    if (r() < handPlaced) {
      for (let attempt = 0; attempt < 30; attempt++) {
        const x = int(NODE_WIDTH / 2, 1400)
        const y = int(NODE_HEIGHT / 2, 900)
        const box = { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT }
        if (placedBoxes.some((b) => rectsOverlap(box, b, gap))) continue
        placedBoxes.push(box)
        data.x = x
        data.y = y
        break
      }
    }
    return { id: `n${i}`, data }
  })
  const relations: Plan['relations'] = []
  const m = int(0, Math.min(18, n * 2))
  for (let k = 0; k < m; k++) {
    const from = int(0, n - 1)
    let to = int(0, n - 1)
    if (to === from) to = (from + 1) % n
    const words = Array.from({ length: int(0, 4) }, () => WORDS[int(0, WORDS.length - 1)]!)
    relations.push({ id: `e${k}`, from: `n${from}`, to: `n${to}`, text: words.join(' ') })
  }
  return { nodes, relations }
}

interface Drawn {
  boxes: (Rect & { id: string })[]
  edges: { id: string; from: string; to: string; points: Point[]; label: Rect | null }[]
}

/** Everything wrong with a drawn map, as readable sentences (empty when it is clean). */
function problems({ boxes, edges }: Drawn): string[] {
  const out: string[] = []
  for (const e of edges) {
    if (e.points.length < 2) out.push(`${e.id} was not drawn`)
    for (const b of boxes) if (polylineCrossesRect(e.points, b)) out.push(`${e.id} (${e.from}→${e.to}) crosses ${b.id}`)
  }
  const labels = edges.flatMap((e) => (e.label ? [{ id: e.id, r: e.label }] : []))
  for (const l of labels) for (const b of boxes) if (rectsOverlap(l.r, b)) out.push(`label of ${l.id} is on ${b.id}`)
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      if (rectsOverlap(labels[i]!.r, labels[j]!.r)) out.push(`labels of ${labels[i]!.id} and ${labels[j]!.id} overlap`)
  return out
}

function drawTargetMap(plan: Plan, chips: Map<string, number> = new Map()): Drawn {
  const auto = autoPositions(
    plan.nodes.map((n) => ({ ...n, extraHeight: (chips.get(n.id) ?? 0) * 24 })),
    plan.relations,
  )
  const positions: Map<string, Placed> = layoutTargetMap(
    plan.nodes.map((n) => ({ id: n.id, x: n.data.x, y: n.data.y })),
    plan.relations,
    auto,
  )
  const g = routeTargetMap(
    plan.nodes.map((n) => n.id),
    plan.relations,
    positions,
    chips,
  )
  return { boxes: g.boxes, edges: g.edges }
}

function drawPlanMap(plan: Plan, seed: number): Drawn {
  const r = random(seed * 7 + 1)
  const items: MapItem[] = [
    ...plan.nodes.map((n, i) => ({ id: n.id, kind: 'node', ref: `N${i + 1}`, data: n.data })),
    ...plan.relations.map((e, i) => ({
      id: e.id,
      kind: 'relation',
      ref: `E${i + 1}`,
      data: { from: e.from, to: e.to, relationType: 'other', label: e.text },
    })),
  ]
  const pick = () => plan.nodes.filter(() => r() < 0.3).map((n) => n.id)
  for (let k = 0; k < 6; k++) {
    items.push({
      id: `f${k}`,
      kind: 'influence',
      ref: `F${k}`,
      data: { description: 'An influence', polarity: r() < 0.5 ? 'driver' : 'constraint', nodes: pick() },
    })
    items.push({ id: `s${k}`, kind: 'stakeholder', ref: `S${k}`, data: { name: 'A stakeholder', nodes: pick() } })
    items.push({ id: `v${k}`, kind: 'intervention', ref: `V${k}`, data: { title: 'An intervention' } })
    items.push({
      id: `vl${k}`,
      kind: 'intervention_link',
      ref: `VL${k}`,
      data: { intervention: `v${k}`, nodes: pick() },
    })
  }
  const model = buildPlanMap(
    items,
    Array.from({ length: 6 }, (_, k) => `v${k}`),
  )
  const layers = new Set<Layer>(LAYERS.filter(() => r() < 0.7))
  const auto = autoPositions(plan.nodes, plan.relations)
  const drawn = routePlanMap(model, layers, layoutNodes(model.nodes, { auto }), (rel) => rel.label)
  return {
    boxes: drawn.cards.map((c) => ({ id: c.node.id, x: c.x, y: c.y, width: c.width, height: c.height })),
    edges: drawn.edges,
  }
}

const only = process.env.SEED ? [Number(process.env.SEED)] : null
const seeds = (count: number, offset: number) => only ?? Array.from({ length: count }, (_, i) => offset + i)

describe('maps drawn from random plans (property)', () => {
  it('the target map: no arrow through a box, no label on a box or another label', () => {
    const failures: string[] = []
    for (const seed of seeds(150, 1)) {
      const found = problems(drawTargetMap(generatePlan(seed)))
      if (found.length) failures.push(`seed ${seed}: ${found.join('; ')}`)
    }
    expect(failures).toEqual([])
  })

  it('the target map with chips under nodes (4.3)', () => {
    const failures: string[] = []
    for (const seed of seeds(60, 1001)) {
      const plan = generatePlan(seed, 120)
      const r = random(seed)
      const chips = new Map(plan.nodes.map((n) => [n.id, Math.floor(r() * 3)]))
      // Hand-placed nodes keep a gap big enough for their chips (120 > two chips of 24).
      const found = problems(drawTargetMap(plan, chips))
      if (found.length) failures.push(`seed ${seed}: ${found.join('; ')}`)
    }
    expect(failures).toEqual([])
  })

  it('the plan map (6.1) with random overlays and layers', () => {
    const failures: string[] = []
    for (const seed of seeds(100, 2001)) {
      const found = problems(drawPlanMap(generatePlan(seed), seed))
      if (found.length) failures.push(`seed ${seed}: ${found.join('; ')}`)
    }
    expect(failures).toEqual([])
  })

  it('the geometry checks themselves catch a crossing and an overlap', () => {
    const boxes = [
      { id: 'a', x: 0, y: 0, width: 100, height: 50 },
      { id: 'b', x: 300, y: 0, width: 100, height: 50 },
      { id: 'c', x: 150, y: 0, width: 100, height: 50 },
    ]
    const through = {
      id: 'e',
      from: 'a',
      to: 'b',
      points: [
        { x: 100, y: 25 },
        { x: 300, y: 25 },
      ],
      label: null,
    }
    expect(problems({ boxes, edges: [through] })).toEqual(['e (a→b) crosses c'])
    const label = { x: 120, y: 60, width: 40, height: 16 }
    const twice = [
      {
        ...through,
        id: 'e1',
        points: [
          { x: 50, y: 50 },
          { x: 50, y: 90 },
        ],
        label,
      },
      {
        ...through,
        id: 'e2',
        points: [
          { x: 350, y: 50 },
          { x: 350, y: 90 },
        ],
        label: { ...label, x: 150 },
      },
    ]
    expect(problems({ boxes, edges: twice })).toEqual(['labels of e1 and e2 overlap'])
  })
})
