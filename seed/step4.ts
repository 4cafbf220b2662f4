import { type Executor } from '#db/executor.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import { type DemoIds } from './demo.ts'
import { seedItems } from './items.ts'

type Refs = Record<string, string>

interface SeedStakeholder {
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

const PALM: SeedStakeholder[] = [
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

const CRITERIA = [
  { key: 'influence', min: 1, max: 5 },
  { key: 'alignment', min: -2, max: 2 },
  { key: 'capacity', min: 1, max: 5 },
] as const

/**
 * Scores whose mean is exactly `mean`: everyone gives the mean, except that one scorer gives a
 * point more and another a point less where the scale allows, so spreads and constituencies differ.
 */
function scoresFor(mean: number, min: number, max: number, scorers: number, up: number, down: number) {
  const values = Array<number>(scorers).fill(mean)
  if (mean - 1 >= min && mean + 1 <= max) {
    values[up] = mean + 1
    values[down] = mean - 1
  }
  return values
}

// Palm scorers: planner, ssa (government), union, steward (workers), employer, estate (employers).
// Who scores higher or lower per criterion: unions see more influence, growers more alignment.
const PALM_TURNS = { influence: { up: 2, down: 4 }, alignment: { up: 5, down: 3 }, capacity: { up: 1, down: 0 } }
// Fishing scorers: fisheries, port (government), fishers (workers), vessels (employers).
const FISHING_TURNS = { influence: { up: 2, down: 3 }, alignment: { up: 3, down: 2 }, capacity: { up: 0, down: 1 } }

async function seedScores(
  db: Executor,
  planId: string,
  stakeholders: Refs,
  list: SeedStakeholder[],
  scorers: string[],
  turns: typeof PALM_TURNS,
) {
  for (const [i, s] of list.entries()) {
    const columns = CRITERIA.map((c, k) =>
      scoresFor(s.means[k]!, c.min, c.max, scorers.length, turns[c.key].up, turns[c.key].down),
    )
    for (const [n, scorerId] of scorers.entries()) {
      const values = Object.fromEntries(CRITERIA.map((c, k) => [c.key, columns[k]![n]!]))
      await ScoreRepository.upsertForScorer(db, { planId, subjectId: stakeholders[`S${i + 1}`]!, scorerId, values })
    }
  }
}

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

/** Step 4 of both demo plans (scp-method.md §4.4 and §4.7); node and influence ids come from steps 2 and 3. */
export async function seedStep4(
  db: Executor,
  demo: DemoIds,
  refs: { palm: { nodes: Refs; influences: Refs }; fishing: { nodes: Refs; influences: Refs } },
) {
  const palm = demo.plans['palm-oil']!
  const planner = demo.users['planner@demo.example']!
  const stakeholders = await seedItems(db, palm, planner, 'stakeholder', 'S', PALM.map(toData))
  const palmScorers = ['planner', 'ssa', 'union', 'steward', 'employer', 'estate'].map(
    (u) => demo.users[`${u}@demo.example`]!,
  )
  await seedScores(db, palm, stakeholders, PALM, palmScorers, PALM_TURNS)
  const { nodes: n, influences: f } = refs.palm
  const s = stakeholders
  await seedItems(db, palm, planner, 'stakeholder_link', 'SL', [
    {
      stakeholder: s.S3,
      node: n.N3,
      influences: [f.F4, f.F7],
      mechanism:
        'Changes the group HR policy: core harvesting and maintenance work on permanent contracts, with attendance and payroll records.',
      leverage: 5,
    },
    {
      stakeholder: s.S4,
      node: n.N2,
      influences: [f.F1],
      mechanism: 'Adds an employment-status condition to fresh fruit bunch sourcing, which reaches the estates (N4).',
      leverage: 4,
    },
    {
      stakeholder: s.S1,
      node: n.N6,
      influences: [f.F2],
      mechanism: 'Worker interviews during inspections; shop stewards monitor conversions.',
      leverage: 4,
    },
    {
      stakeholder: s.S6,
      node: n.N4,
      influences: [f.F6],
      mechanism: 'Joint inspections on social security registration.',
      leverage: 3,
    },
    {
      stakeholder: s.S5,
      node: n.N2,
      influences: [f.F1],
      mechanism: 'Buyer requirement on labour conditions passed on to mills.',
      leverage: 4,
    },
    {
      stakeholder: s.S10,
      node: n.N6,
      influences: [],
      mechanism: 'Awareness: radio spots on the rights of casual workers.',
      leverage: 2,
    },
  ])

  const fishing = demo.plans['fishing']!
  const lead = demo.users['fisheries@demo.example']!
  const FISHING: SeedStakeholder[] = [
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
  const fStakeholders = await seedItems(db, fishing, lead, 'stakeholder', 'S', FISHING.map(toData))
  const fishingScorers = ['fisheries', 'port', 'fishers', 'vessels'].map((u) => demo.users[`${u}@demo.example`]!)
  // Partly done: the first five stakeholders are scored so far.
  await seedScores(db, fishing, fStakeholders, FISHING.slice(0, 5), fishingScorers, FISHING_TURNS)
  const fn = refs.fishing.nodes
  const ff = refs.fishing.influences
  await seedItems(db, fishing, lead, 'stakeholder_link', 'SL', [
    {
      stakeholder: fStakeholders.S4,
      node: fn.N2,
      influences: [ff.F3],
      mechanism: 'Landing permit conditional on signed work agreements for the crew on board.',
      leverage: 5,
    },
    {
      stakeholder: fStakeholders.S8,
      node: fn.N1,
      influences: [ff.F4],
      mechanism: 'Traceability requirements ask for crew agreements with each catch.',
      leverage: 4,
    },
    {
      stakeholder: fStakeholders.S1,
      node: fn.N5,
      influences: [ff.F1],
      mechanism: 'Union briefings at the dock on the work-agreement template.',
      leverage: 3,
    },
  ])
  return { palm: { stakeholders }, fishing: { stakeholders: fStakeholders } }
}
