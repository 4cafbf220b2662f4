// 5.1 Interventions: the long-list of what the inspectorate and its partners could do.
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

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

export const worksheet = defineWorksheet({
  code: '5.1',
  kinds: [interventionSpec],
  lists: ['intervention'],
  linkKinds: [],
})
