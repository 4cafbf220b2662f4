import { type Criterion } from './scoring.ts'
import { type KindSpec } from './spec.ts'

/** The intervention typology of the method (scp-method.md §1.7). */
export const INTERVENTION_TYPES = [
  'targeted_inspection',
  'enforcement',
  'compliance_assistance',
  'awareness',
  'incentives',
  'partnerships',
  'dispute_resolution',
  'rules_policy',
  'data_ict',
] as const

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

export const interventionSpec: KindSpec = {
  kind: 'intervention',
  substep: '5.1',
  refPrefix: 'V',
  titleField: 'title',
  ordered: true,
  fields: [
    { name: 'title', type: 'text', required: true, max: 300 },
    { name: 'interventionType', type: 'enum', options: INTERVENTION_TYPES, required: true },
    { name: 'description', type: 'longtext', max: 3000 },
    { name: 'notes', type: 'longtext', max: 2000 },
  ],
  columns: ['title', 'interventionType', 'description'],
}

/** How a (selected) intervention acts on the map: influences, causes, delivery partners and nodes. */
export const interventionLinkSpec: KindSpec = {
  kind: 'intervention_link',
  substep: '5.3',
  refPrefix: 'VL',
  titleField: 'mechanism',
  fields: [
    { name: 'intervention', type: 'link', kind: 'intervention', required: true },
    { name: 'influences', type: 'links', kind: 'influence' },
    { name: 'causes', type: 'links', kind: 'cause' },
    { name: 'partners', type: 'links', kind: 'stakeholder' },
    { name: 'nodes', type: 'links', kind: 'node' },
    { name: 'mechanism', type: 'longtext', max: 2000 },
  ],
}

/** One rung of the escalation ladder; the rung number is its position (rung 1 = least punitive). */
export const escalationRungSpec: KindSpec = {
  kind: 'escalation_rung',
  substep: '5.3',
  refPrefix: 'L',
  titleField: 'response',
  ordered: true,
  fields: [
    { name: 'trigger', type: 'longtext', required: true, max: 1000 },
    { name: 'response', type: 'longtext', required: true, max: 1000 },
    { name: 'intervention', type: 'link', kind: 'intervention' },
  ],
}

export const STEP5_SPECS = [interventionSpec, interventionLinkSpec, escalationRungSpec]
