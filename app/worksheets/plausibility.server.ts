import { type Db } from '#db/client.ts'
import { loadSelections } from '../method/5.2-intervention-priorities/selections.server.ts'
import { type PlausibilityContext } from './plausibility.ts'
import { type KindSpec } from './spec.ts'

/**
 * What a sub-step's plausibility warnings need: the plan's period, and the 5.2 decisions when one of
 * its kinds has warnings at all (the other sub-steps skip that query).
 */
export async function loadPlausibility(
  db: Db,
  plan: { id: string; start_date: string | null; end_date: string | null },
  kinds: readonly KindSpec[],
): Promise<PlausibilityContext> {
  const period = plan.start_date && plan.end_date ? { start: plan.start_date, end: plan.end_date } : null
  if (!kinds.some((k) => k.plausibility)) return { period, decisions: {} }
  const selections = await loadSelections(db, plan.id)
  return { period, decisions: Object.fromEntries(Object.entries(selections).map(([id, s]) => [id, s.decision])) }
}
