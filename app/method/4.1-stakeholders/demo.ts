import { type DemoSeed } from '../define-demo.ts'

export interface SeedStakeholder {
  name: string
  category: string
  level: string
  relationshipToInspectorate?: string
  contact?: string
  /** Mean influence, alignment and capacity of the worked example (§4.4). */
  means: [number, number, number]
  /** Whether the team has agreed its place on the grid (else it sits at its means). */
  agreed: boolean
  /** An agreed place that differs from the means (the team's judgement over the scores). */
  agreedAt?: [number, number]
}

export const PALM_STAKEHOLDERS: SeedStakeholder[] = [
  {
    name: 'FPWU-SH (plantation unions)',
    category: 'worker_org',
    level: 'regional',
    relationshipToInspectorate: 'Co-author of the plan; 40 trained shop stewards',
    means: [3, 2, 3],
    agreed: true,
  },
  {
    name: 'KPGA-SH (growers’ association)',
    category: 'employer_org',
    level: 'regional',
    relationshipToInspectorate: 'Co-author; member mailing list reaches 63 estates',
    means: [4, 0, 4],
    agreed: true,
  },
  {
    name: 'Group HQ HR directors (9 groups)',
    category: 'enterprise',
    level: 'national',
    relationshipToInspectorate: 'Little direct contact; inspections deal with estate managers',
    means: [5, -1, 5],
    agreed: true,
  },
  { name: 'Mills (14)', category: 'enterprise', level: 'regional', means: [4, 0, 3], agreed: true },
  {
    name: 'Export refiners / buyers',
    category: 'wild_card',
    level: 'international',
    relationshipToInspectorate: 'None yet; leverage through sourcing',
    means: [4, 1, 4],
    agreed: true,
  },
  {
    name: 'Social Security Agency',
    category: 'government',
    level: 'regional',
    relationshipToInspectorate: 'Joint inspection needs an MoU',
    contact: 'Provincial branch',
    means: [3, 2, 3],
    agreed: true,
  },
  { name: 'Provincial Plantation Office', category: 'government', level: 'regional', means: [3, 1, 2], agreed: true },
  { name: 'Certification bodies', category: 'wild_card', level: 'international', means: [3, 1, 2], agreed: false },
  {
    name: 'Women Workers’ Rights Centre',
    category: 'ngo',
    level: 'regional',
    relationshipToInspectorate:
      'Refers complaints from women sprayers; the team placed it as a partner for outreach to women workers',
    means: [2, 2, 2],
    agreed: true,
    agreedAt: [3, 2],
  },
  {
    name: 'Provincial radio and journalists’ network',
    category: 'media',
    level: 'regional',
    means: [2, 1, 2],
    agreed: false,
  },
  { name: 'Village heads', category: 'wild_card', level: 'local', means: [2, 0, 1], agreed: false },
]

// The fishing plan's stakeholders (§4.7).
export const FISHING_STAKEHOLDERS: SeedStakeholder[] = [
  { name: 'Fishers’ Union of Puerto Azul', category: 'worker_org', level: 'local', means: [3, 2, 2], agreed: true },
  { name: 'Vessel Owners’ Association', category: 'employer_org', level: 'local', means: [4, 0, 3], agreed: true },
  { name: 'Crewing agencies', category: 'enterprise', level: 'regional', means: [3, -1, 2], agreed: false },
  { name: 'Port Authority', category: 'government', level: 'local', means: [5, 1, 4], agreed: true },
  { name: 'Fisheries Directorate', category: 'government', level: 'national', means: [4, 1, 3], agreed: false },
  { name: 'Seafarers’ welfare NGO', category: 'ngo', level: 'local', means: [2, 2, 2], agreed: false },
  { name: 'Local radio', category: 'media', level: 'local', means: [2, 1, 2], agreed: false },
  {
    name: 'Fish processors and exporters',
    category: 'wild_card',
    level: 'international',
    means: [4, 1, 4],
    agreed: false,
  },
]

const toData = (s: SeedStakeholder) => ({
  name: s.name,
  category: s.category,
  level: s.level,
  ...(s.contact ? { contact: s.contact } : {}),
  ...(s.relationshipToInspectorate ? { relationshipToInspectorate: s.relationshipToInspectorate } : {}),
  ...(s.agreed
    ? { agreedInfluence: s.agreedAt?.[0] ?? s.means[0], agreedAlignment: s.agreedAt?.[1] ?? s.means[1] }
    : {}),
})

/** 4.1 of both demo plans: the stakeholder lists, with the places the teams agreed on the grid (scp-method.md §4.4 and §4.7). */
export const demo: DemoSeed = async ({ items, user }) => {
  await items('palm-oil', user('planner@demo.example'), 'stakeholder', 'S', PALM_STAKEHOLDERS.map(toData))
  await items('fishing', user('fisheries@demo.example'), 'stakeholder', 'S', FISHING_STAKEHOLDERS.map(toData))
}
