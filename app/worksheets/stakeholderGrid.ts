// The influence × alignment grid of 4.2: its scales, its quadrants and where a stakeholder sits on
// it. Shared by the 4.1 spec (the agreed placement fields), the 4.2 page and export, and the print.

export const INFLUENCE_RANGE = { min: 1, max: 5 } as const
export const ALIGNMENT_RANGE = { min: -2, max: 2 } as const

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
