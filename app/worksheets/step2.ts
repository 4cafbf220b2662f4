import { ISIC_SECTIONS } from '../utils/isic.ts'
import { type KindSpec } from './spec.ts'
import { type WorksheetItemView } from './types.ts'
import { ISSUE_TYPES } from './issue-types.ts'

export const AFFECTED_GROUPS = [
  'women',
  'migrants',
  'young',
  'informal',
  'ambiguous_employment',
  'children',
  'other',
] as const
export const TARGET_TYPES = [
  'sector',
  'sub_sector',
  'enterprise_tier',
  'contractor_type',
  'geography',
  'supply_chain_node',
] as const
export const NODE_TYPES = [
  'lead_firm',
  'processor',
  'producer',
  'contractor',
  'smallholder',
  'worker_group',
  'port_site',
  'other',
] as const
export const RELATION_TYPES = ['supplies', 'contracts_labour_to', 'owns', 'sources_from', 'employs', 'other'] as const

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

/** Target-map coordinates (centre of a node) stay within 0…MAP_COORD_MAX. */
export const MAP_COORD_MAX = 4000

export const issueSpec: KindSpec = {
  kind: 'issue',
  substep: '2.1',
  refPrefix: 'I',
  titleField: 'title',
  ordered: true,
  fields: [
    { name: 'title', type: 'text', required: true, max: 200 },
    { name: 'issueType', type: 'enum', options: ISSUE_TYPES },
    { name: 'legalProvisions', type: 'text', max: 300 },
    { name: 'description', type: 'longtext', max: 3000 },
    { name: 'mandate', type: 'links', kind: 'mandate' },
    { name: 'evidence', type: 'links', kind: 'data_source' },
    { name: 'affectedGroups', type: 'multiEnum', options: AFFECTED_GROUPS },
    { name: 'sectors', type: 'multiEnum', options: ISIC_SECTIONS },
  ],
  columns: ['title', 'legalProvisions', 'mandate', 'evidence', 'affectedGroups'],
}

export const targetSpec: KindSpec = {
  kind: 'target',
  substep: '2.1',
  refPrefix: 'T',
  titleField: 'name',
  ordered: true,
  fields: [
    { name: 'name', type: 'text', required: true, max: 200 },
    { name: 'targetType', type: 'enum', options: TARGET_TYPES, required: true },
    { name: 'estimatedUnits', type: 'number', min: 0, max: 1e9, integer: true },
    { name: 'estimatedWorkers', type: 'number', min: 0, max: 1e10, integer: true },
    { name: 'location', type: 'text', max: 200 },
  ],
}

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

export const nodeSpec: KindSpec = {
  kind: 'node',
  substep: '2.3',
  refPrefix: 'N',
  titleField: 'label',
  ordered: true,
  fields: [
    { name: 'label', type: 'text', required: true, max: 120 },
    { name: 'nodeCategory', type: 'enum', options: NODE_TYPES, required: true },
    { name: 'countUnits', type: 'number', min: 0, max: 1e9, integer: true },
    { name: 'countWorkers', type: 'number', min: 0, max: 1e10, integer: true },
    { name: 'issues', type: 'links', kind: 'issue' },
    { name: 'isPivot', type: 'boolean' },
    { name: 'x', type: 'number', min: 0, max: MAP_COORD_MAX, integer: true },
    { name: 'y', type: 'number', min: 0, max: MAP_COORD_MAX, integer: true },
  ],
  columns: ['label', 'nodeCategory', 'countUnits', 'countWorkers', 'issues', 'isPivot'],
}

export const relationSpec: KindSpec = {
  kind: 'relation',
  substep: '2.3',
  refPrefix: 'E',
  titleField: 'label',
  fields: [
    { name: 'from', type: 'link', kind: 'node', required: true },
    { name: 'to', type: 'link', kind: 'node', required: true },
    { name: 'relationType', type: 'enum', options: RELATION_TYPES, required: true },
    { name: 'label', type: 'text', max: 120 },
    { name: 'strength', type: 'number', min: 1, max: 3, integer: true },
  ],
  refine: (d) => (d.from && d.from === d.to ? [{ path: 'to', message: 'validation.sameNode' }] : []),
}

export const STEP2_SPECS = [
  issueSpec,
  targetSpec,
  criterionSpec,
  pairSpec,
  priorityDecisionSpec,
  nodeSpec,
  relationSpec,
]

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
