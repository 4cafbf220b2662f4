// Kinds of compliance issue, for filtering and aggregating priorities across plans (dashboard).
export const ISSUE_TYPES = [
  'employment_status',
  'wages',
  'working_time',
  'osh',
  'child_labour',
  'forced_labour',
  'social_security',
  'freedom_of_association',
  'discrimination',
  'other',
] as const
export type IssueType = (typeof ISSUE_TYPES)[number]
