// 1.1 Mandate: the inspectorate's powers and duties, and their limits.
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

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

export const worksheet = defineWorksheet({ code: '1.1', kinds: [mandateSpec], lists: ['mandate'], linkKinds: [] })
