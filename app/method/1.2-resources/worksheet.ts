// 1.2 Resources: what the inspectorate has, and the size of the universe it covers.
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

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

export const worksheet = defineWorksheet({
  code: '1.2',
  kinds: [resourceSpec, scopeFiguresSpec],
  lists: ['scope_figures', 'resource'],
  linkKinds: [],
})
