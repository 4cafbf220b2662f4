// The decisions of 5.2 on each intervention, read by 5.2 itself and by what builds on the selected
// ones: the 5.3 links, the 6.1 map and the 6.2 chart.
import { type Db } from '#db/client.ts'
import * as SelectionRepository from '#db/repositories/intervention-selections.ts'
import { type ProgressContent } from '../../worksheets/progress.server.ts'
import { type SelectionDecision, type SelectionView } from './worksheet.ts'

/** The decision on each intervention, by intervention id. */
export async function loadSelections(db: Db, planId: string): Promise<Record<string, SelectionView>> {
  const rows = await SelectionRepository.findByPlan(db, planId)
  return Object.fromEntries(
    [...rows].map(([interventionId, row]) => [
      interventionId,
      {
        id: row.id,
        version: row.version,
        decision: row.data.decision as SelectionDecision,
        rationale: String(row.data.rationale ?? ''),
        by: row.updated_by_name ?? null,
      },
    ]),
  )
}

/** Ids of the interventions the team selected (what 5.3, 6.1 and 6.2 build on). */
export async function selectedInterventionIds(db: Db, planId: string): Promise<Set<string>> {
  const selections = await loadSelections(db, planId)
  return new Set(Object.entries(selections).flatMap(([id, s]) => (s.decision === 'selected' ? [id] : [])))
}

/** The interventions selected in 5.2, and whether any has a rationale, from a plan's progress content. */
export function selectionsIn(content: ProgressContent) {
  const decisions = [...SelectionRepository.onePerIntervention(content.items(SelectionRepository.SELECTION_ITEM_KIND))]
  const selected = decisions.filter(([, row]) => row.data.decision === 'selected')
  return {
    count: decisions.length,
    selected: new Set(selected.map(([id]) => id)),
    withRationale: selected.some(([, row]) => String(row.data.rationale ?? '') !== ''),
  }
}
