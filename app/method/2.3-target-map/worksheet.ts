// 2.3 Target map: the supply chain or network around the priority, with its pivot.
import { type KindSpec } from '../../worksheets/spec.ts'
import { MAP_COORD_MAX } from '../../worksheets/targetMapLayout.ts'
import { defineWorksheet } from '../define.ts'

export const NODE_TYPES = [
  'lead_firm',
  'processor',
  'producer',
  'contractor',
  'smallholder',
  'worker_group',
  'port_site',
  'other',
] as const
export const RELATION_TYPES = ['supplies', 'contracts_labour_to', 'owns', 'sources_from', 'employs', 'other'] as const

export const nodeSpec: KindSpec = {
  kind: 'node',
  substep: '2.3',
  refPrefix: 'N',
  titleField: 'label',
  ordered: true,
  fields: [
    { name: 'label', type: 'text', required: true, max: 120 },
    { name: 'nodeCategory', type: 'enum', options: NODE_TYPES, required: true },
    { name: 'countUnits', type: 'number', min: 0, max: 1e9, integer: true },
    { name: 'countWorkers', type: 'number', min: 0, max: 1e10, integer: true },
    { name: 'issues', type: 'links', kind: 'issue' },
    { name: 'isPivot', type: 'boolean' },
    // Set by dragging the node on the map or with the arrow keys (node:position), not in the form.
    { name: 'x', type: 'number', min: 0, max: MAP_COORD_MAX, integer: true, inForm: false },
    { name: 'y', type: 'number', min: 0, max: MAP_COORD_MAX, integer: true, inForm: false },
  ],
  columns: ['label', 'nodeCategory', 'countUnits', 'countWorkers', 'issues', 'isPivot'],
}

export const relationSpec: KindSpec = {
  kind: 'relation',
  substep: '2.3',
  refPrefix: 'E',
  titleField: 'label',
  fields: [
    { name: 'from', type: 'link', kind: 'node', required: true },
    { name: 'to', type: 'link', kind: 'node', required: true },
    { name: 'relationType', type: 'enum', options: RELATION_TYPES, required: true },
    { name: 'label', type: 'text', max: 120 },
    { name: 'strength', type: 'number', min: 1, max: 3, integer: true },
  ],
  refine: (d) => (d.from && d.from === d.to ? [{ path: 'to', message: 'validation.sameNode' }] : []),
}

export const worksheet = defineWorksheet({
  code: '2.3',
  kinds: [nodeSpec, relationSpec],
  lists: ['node', 'relation'],
  linkKinds: ['issue'],
})
