// 4.1 Stakeholders: who can move the influences, tripartite partners first.
import { type KindSpec } from '../../worksheets/spec.ts'
import { ALIGNMENT_RANGE, INFLUENCE_RANGE } from '../../worksheets/stakeholderGrid.ts'
import { defineWorksheet } from '../define.ts'

/** The seven stakeholder categories of the method. */
export const STAKEHOLDER_CATEGORIES = [
  'worker_org',
  'enterprise',
  'employer_org',
  'government',
  'ngo',
  'media',
  'wild_card',
] as const
export const STAKEHOLDER_LEVELS = ['local', 'regional', 'national', 'international'] as const

export const stakeholderSpec: KindSpec = {
  kind: 'stakeholder',
  substep: '4.1',
  refPrefix: 'S',
  titleField: 'name',
  ordered: true,
  fields: [
    { name: 'name', type: 'text', required: true, max: 200 },
    { name: 'category', type: 'enum', options: STAKEHOLDER_CATEGORIES, required: true },
    { name: 'level', type: 'enum', options: STAKEHOLDER_LEVELS },
    { name: 'contact', type: 'text', max: 300 },
    { name: 'relationshipToInspectorate', type: 'longtext', max: 2000 },
    // The team's agreed place on the influence × alignment grid (4.2); dragged there or typed here.
    { name: 'agreedInfluence', type: 'number', min: INFLUENCE_RANGE.min, max: INFLUENCE_RANGE.max, integer: true },
    { name: 'agreedAlignment', type: 'number', min: ALIGNMENT_RANGE.min, max: ALIGNMENT_RANGE.max, integer: true },
  ],
  columns: ['name', 'category', 'level', 'contact', 'relationshipToInspectorate'],
}

export const worksheet = defineWorksheet({
  code: '4.1',
  kinds: [stakeholderSpec],
  lists: ['stakeholder'],
  linkKinds: [],
})
