// 4.3 Stakeholder map: which stakeholder can move which influence or node of the target map.
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

/** How a stakeholder can move an influence or a node of the target map (4.3). */
export const stakeholderLinkSpec: KindSpec = {
  kind: 'stakeholder_link',
  substep: '4.3',
  refPrefix: 'SL',
  titleField: 'mechanism',
  ordered: true,
  fields: [
    { name: 'stakeholder', type: 'link', kind: 'stakeholder', required: true },
    { name: 'node', type: 'link', kind: 'node' },
    { name: 'influences', type: 'links', kind: 'influence' },
    { name: 'mechanism', type: 'longtext', required: true, max: 2000 },
    { name: 'leverage', type: 'number', min: 1, max: 5, integer: true },
  ],
}

export const worksheet = defineWorksheet({
  code: '4.3',
  kinds: [stakeholderLinkSpec],
  lists: ['stakeholder_link'],
  linkKinds: ['stakeholder', 'node', 'influence', 'relation'],
})
