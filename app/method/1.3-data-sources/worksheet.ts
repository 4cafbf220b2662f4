// 1.3 Data: the sources that tell where non-compliance is, and how far to trust them.
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

export const DATA_SOURCE_TYPES = [
  'inspection_records',
  'complaints',
  'accident_reports',
  'registers',
  'labour_force_survey',
  'social_security',
  'union_surveys',
  'audits',
  'other',
] as const
export const DATA_FORMATS = ['paper', 'spreadsheet', 'ecms', 'database', 'other'] as const
export const QUALITY = ['low', 'medium', 'high'] as const

export const dataSourceSpec: KindSpec = {
  kind: 'data_source',
  substep: '1.3',
  refPrefix: 'D',
  titleField: 'name',
  ordered: true,
  fields: [
    { name: 'name', type: 'text', required: true, max: 200 },
    { name: 'owner', type: 'text', max: 200 },
    { name: 'sourceType', type: 'enum', options: DATA_SOURCE_TYPES, required: true },
    { name: 'coverage', type: 'text', max: 300 },
    { name: 'periodicity', type: 'text', max: 100 },
    { name: 'format', type: 'enum', options: DATA_FORMATS },
    { name: 'quality', type: 'enum', options: QUALITY },
    { name: 'keyFacts', type: 'longtext', max: 2000 },
    { name: 'indicatorsDerivable', type: 'longtext', max: 2000 },
    { name: 'accessConditions', type: 'longtext', max: 1000 },
  ],
  columns: ['name', 'owner', 'sourceType', 'coverage', 'keyFacts', 'quality'],
}

export const worksheet = defineWorksheet({
  code: '1.3',
  kinds: [dataSourceSpec],
  lists: ['data_source'],
  linkKinds: [],
})
