// 5.3 Intervention map: how each selected intervention acts on the map, and the escalation ladder.
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

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

export const worksheet = defineWorksheet({
  code: '5.3',
  kinds: [interventionLinkSpec, escalationRungSpec],
  lists: ['intervention_link', 'escalation_rung'],
  linkKinds: ['intervention', 'influence', 'cause', 'stakeholder', 'node'],
})
