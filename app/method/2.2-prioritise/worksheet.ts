// 2.2 Prioritise: issue × target pairs scored on weighted criteria, and the tripartite decision.
import { type KindSpec } from '../../worksheets/spec.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { defineWorksheet } from '../define.ts'

/** The method's default prioritisation criteria (scp-method.md §1.4), in display order. */
export const DEFAULT_CRITERIA = [
  'severity',
  'scale',
  'vulnerability',
  'low_reporting',
  'leverage',
  'systemic',
  'measurable',
  'policy_fit',
] as const
export const CRITERION_KEYS = [...DEFAULT_CRITERIA, 'custom'] as const

/** Scores of 2.2 run from 1 (low) to 5 (high). */
export const SCORE_MIN = 1
export const SCORE_MAX = 5

/**
 * A prioritisation criterion. Only the plan lead edits criteria and weights (`plan:update`), so the
 * yardstick does not move under the other scorers' feet; everyone else proposes changes in comments.
 */
export const criterionSpec: KindSpec = {
  kind: 'criterion',
  substep: '2.2',
  refPrefix: 'Cr',
  titleField: 'name',
  ordered: true,
  editAction: 'plan:update',
  fields: [
    { name: 'criterionKey', type: 'enum', options: CRITERION_KEYS, required: true },
    { name: 'name', type: 'text', max: 120 },
    { name: 'weight', type: 'number', min: 0, max: 10, required: true },
    { name: 'description', type: 'longtext', max: 1000 },
  ],
  columns: ['criterionKey', 'name', 'weight'],
  refine: (d) => (d.criterionKey === 'custom' && !d.name ? [{ path: 'name', message: 'validation.required' }] : []),
}

/** An issue × target pair to score; at most one per issue and target on a plan. */
export const pairSpec: KindSpec = {
  kind: 'pair',
  substep: '2.2',
  refPrefix: 'P',
  titleField: 'note',
  fields: [
    { name: 'issue', type: 'link', kind: 'issue', required: true },
    { name: 'target', type: 'link', kind: 'target', required: true },
    { name: 'note', type: 'longtext', max: 1000 },
  ],
}

/** The tripartite decision on the priority pair(s); recorded by the lead only. */
export const priorityDecisionSpec: KindSpec = {
  kind: 'priority_decision',
  substep: '2.2',
  refPrefix: 'DEC',
  titleField: 'rationale',
  singleton: true,
  editAction: 'plan:update',
  fields: [
    { name: 'pairs', type: 'links', kind: 'pair', min: 1 },
    { name: 'rationale', type: 'longtext', required: true, max: 3000 },
    { name: 'dissent', type: 'longtext', max: 3000 },
  ],
}

// Criteria and the decision are loaded and drawn by the panels (lead-only editing).
export const worksheet = defineWorksheet({
  code: '2.2',
  kinds: [criterionSpec, pairSpec, priorityDecisionSpec],
  lists: ['pair'],
  linkKinds: ['issue', 'target'],
})

/** One pair in the 2.2 ranking (see scoring.ts for the maths). */
export interface RankedPair {
  pairId: string
  ref: string
  issueId: string
  targetId: string
  /** 1 for the highest weighted mean; null while unscored. */
  rank: number | null
  weightedMean: number | null
  byCriterion: Record<string, number | null>
  spread: { min: number; max: number } | null
  byConstituency: Record<string, number | null>
  scorers: number
}

/** What the 2.2 page shows beyond the pair list; criteria scores are keyed by criterion item id. */
export interface PrioritisationView {
  criteria: WorksheetItemView[]
  ranking: RankedPair[]
  /** The signed-in participant's own scores: pair id → criterion id → 1…5. */
  myScores: Record<string, Record<string, number>>
  constituencies: string[]
  decision: WorksheetItemView | null
}
