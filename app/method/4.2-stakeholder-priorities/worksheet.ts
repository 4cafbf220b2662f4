// 4.2 Stakeholder priorities: everyone scores each stakeholder, the team places it on the grid.
import { type Criterion } from '../../worksheets/scoring.ts'
import { ALIGNMENT_RANGE, INFLUENCE_RANGE } from '../../worksheets/stakeholderGrid.ts'
import { defineWorksheet } from '../define.ts'

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

/** What the 4.2 page shows beyond the stakeholder list. */
export interface StakeholderScores {
  /** Per stakeholder id, per criterion key. */
  summary: Record<string, Record<string, CriterionSummary>>
  scorers: Record<string, number>
  mine: Record<string, Record<string, number>>
  constituencies: string[]
}

// The scores and the grid are drawn by its panel; the placement is stored on the 4.1 stakeholder.
export const worksheet = defineWorksheet({
  code: '4.2',
  kinds: [],
  lists: [],
  linkKinds: ['stakeholder'],
})
