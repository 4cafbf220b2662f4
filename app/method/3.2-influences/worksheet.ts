// 3.2 Influences: the drivers and constraints acting on the target map's nodes.
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

export const POLARITIES = ['driver', 'constraint'] as const
export const DIRECTNESS = ['direct', 'indirect'] as const

export const influenceSpec: KindSpec = {
  kind: 'influence',
  substep: '3.2',
  refPrefix: 'F',
  titleField: 'description',
  ordered: true,
  fields: [
    { name: 'description', type: 'text', required: true, max: 300 },
    { name: 'polarity', type: 'enum', options: POLARITIES, required: true },
    { name: 'directness', type: 'enum', options: DIRECTNESS, required: true },
    { name: 'strength', type: 'number', min: 1, max: 3, integer: true, required: true },
    { name: 'nodes', type: 'links', kind: 'node' },
    { name: 'causes', type: 'links', kind: 'cause' },
    { name: 'evidence', type: 'longtext', max: 3000 },
  ],
  columns: ['description', 'polarity', 'directness', 'strength', 'nodes', 'causes'],
}

export const worksheet = defineWorksheet({
  code: '3.2',
  kinds: [influenceSpec],
  lists: ['influence'],
  linkKinds: ['node', 'cause'],
})
