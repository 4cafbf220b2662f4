// Positions for the map nodes nobody has placed by hand, from ELK's layered layout (ADR 054). Run by
// the loaders of the pages that draw the target map (2.3, 4.3, 6.1) and by the export composers, so
// every drawing starts from the same precomputed positions; hand-placed nodes are never moved.
import { type Executor } from '#db/executor.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { layeredLayout } from './elkLayout.server.ts'
import { autoTop, NODE_HEIGHT, NODE_WIDTH, storedPosition, type Placed } from './targetMapLayout.ts'
import { type WorksheetItemView } from './types.ts'

const LEFT = 30

/**
 * Centre positions for the nodes without a stored position: ELK lays them out in layers along the
 * relations among them, and the block goes below the hand-placed nodes. `extraHeight` is what a
 * page draws under a node (overlay chips), so the layout leaves room for it. Empty if ELK failed:
 * the drawing then falls back to its own simple layering.
 */
export function autoPositions(
  nodes: readonly { id: string; data: Record<string, unknown>; extraHeight?: number }[],
  relations: readonly { from: string; to: string }[],
): Placed[] {
  const placed: (Placed & { extraHeight?: number })[] = []
  const free: (typeof nodes)[number][] = []
  for (const n of nodes) {
    const p = storedPosition(n.data)
    if (p.x !== null && p.y !== null) placed.push({ id: n.id, x: p.x, y: p.y, extraHeight: n.extraHeight })
    else free.push(n)
  }
  if (free.length === 0) return []
  const laid = layeredLayout(
    free.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT + (n.extraHeight ?? 0) })),
    relations,
  )
  if (!laid) return []
  const top = autoTop(placed)
  return free.map((n) => {
    const p = laid.get(n.id)!
    return { id: n.id, x: LEFT + p.x + NODE_WIDTH / 2, y: top + p.y + NODE_HEIGHT / 2 }
  })
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** `autoPositions` for worksheet items: nodes and their relations as stored. */
export function autoPositionsOfItems(
  nodes: readonly { id: string; data: Record<string, unknown> }[],
  relations: readonly { data: Record<string, unknown> }[],
  extraHeight?: (id: string) => number,
): Placed[] {
  return autoPositions(
    nodes.map((n) => ({ ...n, extraHeight: extraHeight?.(n.id) })),
    relations.map((r) => ({ from: str(r.data.from), to: str(r.data.to) })),
  )
}

/** The target map's automatic positions for a plan (what the 2.3 and 4.3 pages load). */
export async function loadAutoPositions(
  db: Executor,
  planId: string,
  extraHeight?: (items: readonly WorksheetItemView[]) => (id: string) => number,
): Promise<{ autoPositions: Placed[] }> {
  const kinds = extraHeight ? ['node', 'relation', 'stakeholder_link'] : ['node', 'relation']
  const items = await ItemRepository.findByKinds(db, planId, kinds)
  const autoPositions = autoPositionsOfItems(
    items.filter((i) => i.kind === 'node'),
    items.filter((i) => i.kind === 'relation'),
    extraHeight?.(items),
  )
  return { autoPositions }
}
