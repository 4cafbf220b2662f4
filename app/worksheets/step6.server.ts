import * as PlanRepository from '#db/repositories/plans.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type Db } from '#db/client.ts'
import { type ExtraContext } from './extras.server.ts'
import { type ProgressEvaluator } from './progress.server.ts'
import {
  loadSelections,
  selectedInterventionIds,
  selectionsIn,
} from '../method/5.2-intervention-priorities/selections.server.ts'
import { isMeasurableOutcome } from './step6.ts'

/** An activity belongs to the chart only under an intervention the team selected in 5.2. */
export async function activityCheck({ db, planId, value }: { db: Db; planId: string; value: Record<string, unknown> }) {
  const selected = await selectedInterventionIds(db, planId)
  return typeof value.intervention === 'string' && !selected.has(value.intervention)
    ? [{ path: 'intervention', message: 'validation.notSelected' }]
    : []
}

/** 6.2: the plan horizon (the chart's quarters) and the selected interventions. */
export async function loadChart({ db, planId }: ExtraContext) {
  const [plan, selected] = await Promise.all([PlanRepository.findById(db, planId), selectedInterventionIds(db, planId)])
  return { horizon: plan ? { start: plan.start_date, end: plan.end_date } : null, selected: [...selected] }
}

/** 6.1: every layer of the consolidated map, read-only. */
export async function loadPlanMap({ db, planId }: ExtraContext) {
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
  return { items: items.map(({ id, kind, ref, data }) => ({ id, kind, ref, data })), selected }
}

/** 6.1 is done when the map has nodes and at least one selected intervention is attached to a node. */
export const planMapProgress: ProgressEvaluator = (content) => {
  const [items, selected] = [content.items('node', 'intervention_link'), selectionsIn(content).selected]
  const hasNodes = items.some((i) => i.kind === 'node')
  const attached = items.some(
    (i) =>
      i.kind === 'intervention_link' &&
      selected.has(String(i.data.intervention)) &&
      Array.isArray(i.data.nodes) &&
      i.data.nodes.length > 0,
  )
  const missing = [
    ...(hasNodes ? [] : ['progress.missing.noMapNodes']),
    ...(attached ? [] : ['progress.missing.noInterventionOnMap']),
  ]
  if (missing.length === 0) return { status: 'done', missing }
  return { status: hasNodes || attached ? 'in_progress' : 'not_started', missing }
}

/** 6.2 is done when every selected intervention has an activity and an outcome indicator has both ends. */
export const chartProgress: ProgressEvaluator = (content) => {
  const [items, selected] = [content.items('activity', 'indicator'), selectionsIn(content).selected]
  if (items.length === 0)
    return { status: 'not_started', missing: ['progress.missing.noActivities', 'progress.missing.noOutcomeIndicator'] }
  const covered = new Set(items.filter((i) => i.kind === 'activity').map((i) => i.data.intervention))
  const missing: string[] = []
  if (selected.size === 0) missing.push('progress.missing.noInterventionSelected')
  else if ([...selected].some((id) => !covered.has(id))) missing.push('progress.missing.selectedWithoutActivity')
  if (!items.some((i) => i.kind === 'indicator' && isMeasurableOutcome(i.data)))
    missing.push('progress.missing.noOutcomeIndicator')
  return { status: missing.length ? 'in_progress' : 'done', missing }
}
