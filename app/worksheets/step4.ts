import { type Criterion } from './scoring.ts'
import { type KindSpec } from './spec.ts'

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

export const INFLUENCE_RANGE = { min: 1, max: 5 } as const
export const ALIGNMENT_RANGE = { min: -2, max: 2 } as const

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

export const STEP4_SPECS = [stakeholderSpec, stakeholderLinkSpec]

/** The 4.2 criteria: influence, capacity and accessibility 1–5; alignment −2…+2. Accessibility is optional. */
export const STAKEHOLDER_CRITERIA: (Criterion & { min: number; max: number; optional?: boolean })[] = [
  { key: 'influence', weight: 1, ...INFLUENCE_RANGE },
  { key: 'alignment', weight: 1, ...ALIGNMENT_RANGE },
  { key: 'capacity', weight: 1, min: 1, max: 5 },
  { key: 'accessibility', weight: 1, min: 1, max: 5, optional: true },
]

export interface CriterionSummary {
  mean: number | null
  spread: { min: number; max: number } | null
  byConstituency: Record<string, number | null>
}

export interface StakeholderScores {
  /** Per stakeholder id, per criterion key. */
  summary: Record<string, Record<string, CriterionSummary>>
  scorers: Record<string, number>
  mine: Record<string, Record<string, number>>
  constituencies: string[]
}

export type Quadrant = 'partner' | 'persuade' | 'inform' | 'monitor'
export const QUADRANTS: readonly Quadrant[] = ['partner', 'persuade', 'inform', 'monitor']

/**
 * The quadrant of the influence × alignment grid. Influence 3 (the middle of 1–5) and above counts
 * as high; only a positive alignment counts as aligned, so neutral stakeholders are persuaded or
 * monitored rather than treated as partners.
 */
export function quadrant(influence: number, alignment: number): Quadrant {
  const high = influence >= 3
  const aligned = alignment > 0
  if (high) return aligned ? 'partner' : 'persuade'
  return aligned ? 'inform' : 'monitor'
}

export interface Placement {
  influence: number
  alignment: number
  /** 'agreed' when the team placed the stakeholder, 'mean' when it comes from the scores. */
  source: 'agreed' | 'mean'
}

/** Where a stakeholder sits: the team's agreed placement, else the mean scores, else nowhere yet. */
export function placementOf(
  data: Record<string, unknown>,
  means: { influence: number | null; alignment: number | null } | undefined,
): Placement | null {
  if (typeof data.agreedInfluence === 'number' && typeof data.agreedAlignment === 'number')
    return { influence: data.agreedInfluence, alignment: data.agreedAlignment, source: 'agreed' }
  if (means && means.influence !== null && means.alignment !== null)
    return { influence: means.influence, alignment: means.alignment, source: 'mean' }
  return null
}
