import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type SubstepContext } from '../define.server.ts'
import { loadSelections } from '../5.2-intervention-priorities/selections.server.ts'
import { autoPositionsOfItems } from '../../worksheets/mapPositions.server.ts'

/** 6.1: every layer of the consolidated map, read-only, with ELK's positions for unplaced nodes (ADR 054). */
export async function loadPlanMap({ db, planId }: SubstepContext) {
  const [items, selections] = await Promise.all([
    ItemRepository.findByKinds(db, planId, [
      'node',
      'relation',
      'influence',
      'stakeholder',
      'stakeholder_link',
      'intervention',
      'intervention_link',
    ]),
    loadSelections(db, planId),
  ])
  const selected = Object.entries(selections).flatMap(([id, s]) => (s.decision === 'selected' ? [id] : []))
  const autoPositions = autoPositionsOfItems(
    items.filter((i) => i.kind === 'node'),
    items.filter((i) => i.kind === 'relation'),
  )
  return { items: items.map(({ id, kind, ref, data }) => ({ id, kind, ref, data })), selected, autoPositions }
}
