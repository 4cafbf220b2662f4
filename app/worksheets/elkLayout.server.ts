// The Eclipse Layout Kernel (elkjs) run synchronously on the server: its layered algorithm places
// the map nodes nobody has placed by hand (ADR 054).
//
// Why synchronously: elkjs's public API answers with a promise (it posts to a worker, or to an
// in-process stand-in that replies on a timer), but the export composers that build figure data
// are synchronous, like the pages' drawing. The stand-in's dispatcher does the layout itself in
// one synchronous call, so we call it directly. That is an internal of elkjs 0.12: the unit test
// of this module fails loudly if an upgrade changes it, and any failure here falls back to the
// portal's own simple layering, so a page never breaks because of the layout.
import { createRequire } from 'node:module'
import { type ElkNode } from 'elkjs/lib/elk-api.js'

export interface LayeredNode {
  id: string
  width: number
  height: number
}

export interface LayeredEdge {
  from: string
  to: string
}

interface Dispatcher {
  saveDispatch(event: { data: Record<string, unknown> }): void
}
interface FakeWorker {
  dispatcher: Dispatcher
  onmessage: (event: { data: { id: number; data?: ElkNode; error?: unknown } }) => void
}

let worker: FakeWorker | null = null
let answer: { data?: ElkNode; error?: unknown } | null = null

function elk(): FakeWorker {
  if (worker) return worker
  // Loaded on first use: 1.6 MB of compiled Java the server need not parse at start-up.
  const { Worker } = createRequire(import.meta.url)('elkjs/lib/elk-worker.min.js') as {
    Worker: new () => FakeWorker
  }
  const w = new Worker()
  w.onmessage = (event) => {
    answer = event.data
  }
  w.dispatcher.saveDispatch({ data: { id: 0, cmd: 'register', algorithms: ['layered'] } })
  worker = w
  return w
}

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  // Room between boxes for the arrows and their labels, which the portal's router draws.
  'elk.spacing.nodeNode': '70',
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.componentComponent': '80',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.randomSeed': '1',
}

const cache = new Map<string, Map<string, { x: number; y: number }>>()
const CACHE_SIZE = 200

/**
 * Top-left positions of the nodes laid out in layers along the edges (sources at the top), or null
 * if ELK failed. Edges with an unknown end or to themselves are ignored. Results are cached by input.
 */
export function layeredLayout(
  nodes: readonly LayeredNode[],
  edges: readonly LayeredEdge[],
): Map<string, { x: number; y: number }> | null {
  if (nodes.length === 0) return new Map()
  const ids = new Set(nodes.map((n) => n.id))
  const kept = edges.filter((e) => e.from !== e.to && ids.has(e.from) && ids.has(e.to))
  const key = JSON.stringify([nodes, kept.map((e) => [e.from, e.to])])
  const known = cache.get(key)
  if (known) return known
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: OPTIONS,
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: kept.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  }
  try {
    answer = null
    elk().dispatcher.saveDispatch({ data: { id: 1, cmd: 'layout', graph, layoutOptions: {}, options: {} } })
    const laid = answer as { data?: ElkNode; error?: unknown } | null
    if (!laid?.data?.children || laid.error) return null
    const out = new Map<string, { x: number; y: number }>()
    for (const c of laid.data.children) {
      if (typeof c.x !== 'number' || typeof c.y !== 'number') return null
      out.set(c.id, { x: Math.round(c.x), y: Math.round(c.y) })
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
    cache.set(key, out)
    return out
  } catch {
    return null
  }
}
