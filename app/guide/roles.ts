// The three getting-started guides, one per part people play in a plan (ADR 057).
export const GUIDE_ROLES = ['planner', 'social-partner', 'ilo-reviewer'] as const
export type GuideRole = (typeof GUIDE_ROLES)[number]

/** How many numbered tasks each guide lists under "Your part" (keys guide:roles.<role>.tasks.<i>). */
export const TASKS_PER_ROLE = 5
