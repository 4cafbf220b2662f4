import * as PlanRepository from '#db/repositories/plans.ts'
import { type Db } from '#db/client.ts'
import { type SubstepContext } from '../define.server.ts'
import { loadSelections, selectedInterventionIds } from '../5.2-intervention-priorities/selections.server.ts'

/** An activity belongs to the chart only under an intervention the team selected in 5.2. */
export async function activityCheck({ db, planId, value }: { db: Db; planId: string; value: Record<string, unknown> }) {
  const selected = await selectedInterventionIds(db, planId)
  return typeof value.intervention === 'string' && !selected.has(value.intervention)
    ? [{ path: 'intervention', message: 'validation.notSelected' }]
    : []
}

/**
 * 6.2: the plan horizon (the chart's quarters), the selected interventions, and the 5.2 decision on
 * each intervention (the activities' plausibility warnings, ADR 059), from one read of the decisions.
 */
export async function loadChart({ db, planId }: SubstepContext) {
  const [plan, selections] = await Promise.all([PlanRepository.findById(db, planId), loadSelections(db, planId)])
  const decisions = Object.fromEntries(Object.entries(selections).map(([id, s]) => [id, s.decision]))
  return {
    horizon: plan ? { start: plan.start_date, end: plan.end_date } : null,
    selected: Object.keys(decisions).filter((id) => decisions[id] === 'selected'),
    decisions,
  }
}
