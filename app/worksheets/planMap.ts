// The layer model of the 6.1 plan map: the target map (nodes, relations, pivots) with influences,
// stakeholders and selected interventions attached to the nodes they act on. Pure and isomorphic,
// so the SVG picture and the list view for screen readers show exactly the same content.

export interface MapItem {
  id: string
  kind: string
  ref: string
  data: Record<string, unknown>
}

export const LAYERS = ['influences', 'stakeholders', 'interventions'] as const
export type Layer = (typeof LAYERS)[number]

export interface Overlay {
  id: string
  ref: string
  label: string
  layer: Layer
  /** Influences: driver (+) or constraint (−). */
  polarity?: 'driver' | 'constraint'
  /** Stakeholder category or intervention type (a translation option key). */
  category?: string
}

export interface MapNode {
  id: string
  ref: string
  label: string
  nodeType: string | null
  isPivot: boolean
  x: number | null
  y: number | null
  overlays: Overlay[]
}

export interface PlanMapModel {
  nodes: MapNode[]
  relations: { id: string; ref: string; from: string; to: string; relationType: string | null; label: string }[]
  /** Overlays that act on no node of the map (shown beside it, so nothing is hidden). */
  unattached: Overlay[]
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const ids = (...values: unknown[]) =>
  values
    .flatMap((v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []))
    .filter((v): v is string => typeof v === 'string')

/** Driver or constraint, whichever vocabulary the influence register uses. */
function polarityOf(data: Record<string, unknown>): 'driver' | 'constraint' {
  return ['driver', 'positive', '+', 'plus'].includes(str(data.polarity)) ? 'driver' : 'constraint'
}

function title(item: MapItem, ...fields: string[]) {
  for (const f of fields) if (str(item.data[f])) return str(item.data[f])
  return item.ref
}

/** Builds the plan map from the plan's items; only interventions in `selected` are drawn. */
export function buildPlanMap(items: MapItem[], selected: readonly string[]): PlanMapModel {
  const of = (kind: string) => items.filter((i) => i.kind === kind)
  const nodes: MapNode[] = of('node').map((n) => ({
    id: n.id,
    ref: n.ref,
    label: title(n, 'label'),
    nodeType: str(n.data.nodeCategory) || null,
    isPivot: n.data.isPivot === true,
    x: typeof n.data.x === 'number' ? n.data.x : null,
    y: typeof n.data.y === 'number' ? n.data.y : null,
    overlays: [],
  }))
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const attached = new Set<string>()
  const attach = (overlay: Overlay, nodeIds: string[]) => {
    for (const id of new Set(nodeIds)) {
      const node = byId.get(id)
      if (node && !node.overlays.some((o) => o.id === overlay.id)) {
        node.overlays.push(overlay)
        attached.add(overlay.id)
      }
    }
  }

  const influences = of('influence').map((f) => ({
    item: f,
    overlay: {
      id: f.id,
      ref: f.ref,
      label: title(f, 'description', 'title', 'name'),
      layer: 'influences' as const,
      polarity: polarityOf(f.data),
    },
  }))
  for (const { item, overlay } of influences) attach(overlay, ids(item.data.nodes, item.data.node, item.data.actsOn))

  const stakeholders = of('stakeholder').map((s) => ({
    item: s,
    overlay: {
      id: s.id,
      ref: s.ref,
      label: title(s, 'name', 'title'),
      layer: 'stakeholders' as const,
      category: str(s.data.category) || undefined,
    },
  }))
  const stakeholderNodes = new Map<string, string[]>()
  for (const link of of('stakeholder_link')) {
    for (const s of ids(link.data.stakeholder))
      stakeholderNodes.set(s, [...(stakeholderNodes.get(s) ?? []), ...ids(link.data.nodes, link.data.node)])
  }
  for (const { item, overlay } of stakeholders)
    attach(overlay, [...ids(item.data.nodes, item.data.node), ...(stakeholderNodes.get(item.id) ?? [])])

  const chosen = new Set(selected)
  const interventions = of('intervention')
    .filter((v) => chosen.has(v.id))
    .map((v) => ({
      item: v,
      overlay: {
        id: v.id,
        ref: v.ref,
        label: title(v, 'title'),
        layer: 'interventions' as const,
        category: str(v.data.interventionType) || undefined,
      },
    }))
  const interventionNodes = new Map<string, string[]>()
  for (const link of of('intervention_link')) {
    const v = str(link.data.intervention)
    interventionNodes.set(v, [...(interventionNodes.get(v) ?? []), ...ids(link.data.nodes)])
  }
  for (const { item, overlay } of interventions) attach(overlay, interventionNodes.get(item.id) ?? [])

  const unattached = [...influences, ...stakeholders, ...interventions]
    .map((o) => o.overlay)
    .filter((o) => !attached.has(o.id))
  const relations = of('relation')
    .filter((r) => byId.has(str(r.data.from)) && byId.has(str(r.data.to)))
    .map((r) => ({
      id: r.id,
      ref: r.ref,
      from: str(r.data.from),
      to: str(r.data.to),
      relationType: str(r.data.relationType) || null,
      label: str(r.data.label),
    }))
  for (const n of nodes)
    n.overlays.sort(
      (a, b) =>
        LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer) || a.ref.localeCompare(b.ref, 'en', { numeric: true }),
    )
  return { nodes, relations, unattached }
}

/**
 * Positions of the plan map's nodes: the 2.3 position where someone placed the node, else where
 * ELK put it (`auto`, computed by the loader or the export), else a left-to-right grid.
 */
export function layoutNodes(
  nodes: MapNode[],
  { auto = [], width = 1000 }: { auto?: readonly { id: string; x: number; y: number }[]; width?: number } = {},
): { id: string; x: number; y: number }[] {
  const laid = new Map(auto.map((p) => [p.id, p]))
  const columns = Math.max(1, Math.min(4, nodes.length))
  const step = width / columns
  return nodes.map((n, i) => {
    const a = n.x === null || n.y === null ? laid.get(n.id) : undefined
    return {
      id: n.id,
      x: n.x ?? a?.x ?? Math.round(step / 2 + (i % columns) * step),
      y: n.y ?? a?.y ?? 120 + Math.floor(i / columns) * 260,
    }
  })
}
