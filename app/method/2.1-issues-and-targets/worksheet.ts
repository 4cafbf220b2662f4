// 2.1 Issues and targets: the compliance issues within the mandate and the places they occur.
import { ISIC_SECTIONS } from '../../utils/isic.ts'
import { ISSUE_TYPES } from '../../worksheets/issue-types.ts'
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

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

export const worksheet = defineWorksheet({
  code: '2.1',
  kinds: [issueSpec, targetSpec],
  lists: ['issue', 'target'],
  linkKinds: ['mandate', 'data_source'],
})
