// 5.2 Intervention priorities: everyone scores the interventions, the lead and co-authors select.
import { type Criterion } from '../../worksheets/scoring.ts'
import { defineWorksheet } from '../define.ts'

/** 5.2 criteria, 1–5 each; cost is reverse-scored (a costly intervention scores low). */
export const INTERVENTION_CRITERIA: Criterion[] = [
  { key: 'effect', weight: 1 },
  { key: 'reach', weight: 1 },
  { key: 'cost', weight: 1, reverse: true },
  { key: 'feasibility', weight: 1 },
  { key: 'buy_in', weight: 1 },
  { key: 'speed', weight: 1 },
  { key: 'measurable', weight: 1 },
]

/** The decision the lead and co-authors record on each intervention in 5.2. */
export const SELECTION_DECISIONS = ['selected', 'deferred', 'not_selected'] as const
export type SelectionDecision = (typeof SELECTION_DECISIONS)[number]

/**
 * Kind of the per-intervention decision items. Not a generic worksheet kind: they are written only
 * by the 5.2 `selection:save` action (one per intervention, versioned), see ADR 008.
 */
export const SELECTION_KIND = 'intervention_selection'

/** The decision on one intervention as its page shows it. */
export interface SelectionView {
  id: string
  version: number
  decision: SelectionDecision
  rationale: string
  /** Who recorded this version of the decision. */
  by: string | null
}

// Scores and decisions are drawn by its panel.
export const worksheet = defineWorksheet({
  code: '5.2',
  kinds: [],
  lists: [],
  linkKinds: ['intervention'],
})
