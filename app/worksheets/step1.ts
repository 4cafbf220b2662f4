import { type KindSpec } from './spec.ts'

export const POWER_TYPES = [
  'entry_inspection',
  'information',
  'order_notice',
  'stop_work',
  'sanction_fine',
  'prosecution_referral',
  'status_determination',
  'advice_awareness',
  'coordination',
  'limit',
] as const
export const RESOURCE_TYPES = [
  'inspectors',
  'osh_specialists',
  'offices',
  'vehicles',
  'field_days',
  'budget',
  'ict',
  'training',
  'partner',
  'other',
] as const
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

export const mandateSpec: KindSpec = {
  kind: 'mandate',
  substep: '1.1',
  refPrefix: 'M',
  titleField: 'instrument',
  ordered: true,
  fields: [
    { name: 'instrument', type: 'text', required: true, max: 200 },
    { name: 'provisionRef', type: 'text', max: 100 },
    { name: 'powerType', type: 'enum', options: POWER_TYPES, required: true },
    { name: 'description', type: 'longtext', max: 2000 },
    { name: 'scope', type: 'text', max: 300 },
    { name: 'limitsOrGaps', type: 'longtext', max: 2000 },
    { name: 'overlappingAgencies', type: 'text', max: 300 },
    { name: 'notes', type: 'longtext', max: 2000 },
  ],
  columns: ['instrument', 'provisionRef', 'powerType', 'description', 'limitsOrGaps'],
}

export const resourceSpec: KindSpec = {
  kind: 'resource',
  substep: '1.2',
  refPrefix: 'R',
  titleField: 'description',
  ordered: true,
  fields: [
    { name: 'resourceType', type: 'enum', options: RESOURCE_TYPES, required: true },
    { name: 'description', type: 'text', required: true, max: 200 },
    { name: 'quantity', type: 'number', min: 0, max: 1e9, required: true },
    { name: 'women', type: 'number', min: 0, max: 1e9, integer: true },
    { name: 'unit', type: 'text', max: 60 },
    { name: 'availabilityPeriod', type: 'text', max: 120 },
    { name: 'constraints', type: 'longtext', max: 2000 },
  ],
  columns: ['resourceType', 'description', 'quantity', 'women', 'unit', 'constraints'],
  refine: (d) =>
    typeof d.women === 'number' && typeof d.quantity === 'number' && d.women > d.quantity
      ? [{ path: 'women', message: 'validation.womenAboveTotal' }]
      : [],
}

/** The size of the inspectorate's universe, for the ratios of 1.2 (one item per plan). */
export const scopeFiguresSpec: KindSpec = {
  kind: 'scope_figures',
  substep: '1.2',
  refPrefix: 'S',
  titleField: 'source',
  singleton: true,
  fields: [
    { name: 'establishments', type: 'number', min: 0, max: 1e9, integer: true, required: true },
    { name: 'workers', type: 'number', min: 0, max: 1e10, integer: true, required: true },
    { name: 'employedPersons', type: 'number', min: 0, max: 1e10, integer: true },
    { name: 'source', type: 'text', max: 300 },
  ],
}

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
