import { type Executor } from '#db/executor.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import { type DemoIds } from './demo.ts'
import { seedItems, type seedStep1 } from './step1.ts'

const CRITERIA = [
  'severity',
  'scale',
  'vulnerability',
  'low_reporting',
  'leverage',
  'systemic',
  'measurable',
  'policy_fit',
] as const

/**
 * One score per scorer whose mean is `mean` (scp-method.md §4.2 table). Where the pair's spread
 * allows, scorer `down` (employers) marks it a point lower and scorer `up` (workers) a point higher,
 * so the means by constituency differ as they did in the workshop.
 */
export function spreadScores(
  mean: number,
  spread: [number, number],
  scorers: number,
  up: number,
  down: number,
): number[] {
  const scores = Array<number>(scorers).fill(mean)
  if (mean - 1 >= spread[0] && mean + 1 <= spread[1]) {
    scores[down] = mean - 1
    scores[up] = mean + 1
  }
  return scores
}

// Palm oil scorers: planner, ssa (government), union, steward (workers), employer, estate
// (employers). Criterion c alternates between the two scorers of each side, so on leverage
// (c = 4) the employer scores I1 × T1 a 3: the dissent recorded with the decision.
const palmTurn = (c: number) => ({ up: 2 + (c % 2), down: 4 + (c % 2) })
// Fishing scorers: fisheries (government), fishers (workers), vessels (employers), port (government).
const fishingTurn = () => ({ up: 1, down: 2 })

// Criterion means of the worked example; I5 × T2 is given a 2–5 spread (the table's "2–4" cannot
// hold with a measurability mean of 5).
const PALM_PAIRS: { issue: string; target: string; means: number[]; spread: [number, number] }[] = [
  { issue: 'I1', target: 'T1', means: [4, 5, 4, 4, 4, 5, 4, 5], spread: [3, 5] },
  { issue: 'I1', target: 'T3', means: [4, 3, 5, 5, 3, 4, 3, 4], spread: [2, 5] },
  { issue: 'I4', target: 'T1', means: [5, 3, 5, 4, 4, 3, 4, 4], spread: [3, 5] },
  { issue: 'I2', target: 'T5', means: [5, 3, 5, 5, 2, 2, 2, 4], spread: [2, 5] },
  { issue: 'I5', target: 'T2', means: [3, 4, 3, 3, 2, 3, 5, 4], spread: [2, 5] },
  { issue: 'I6', target: 'T4', means: [3, 2, 2, 3, 4, 2, 4, 3], spread: [2, 4] },
]

type Step1 = Awaited<ReturnType<typeof seedStep1>>

async function seedCriteria(db: Executor, planId: string, actorId: string) {
  const ids = await seedItems(
    db,
    planId,
    actorId,
    'criterion',
    'Cr',
    CRITERIA.map((criterionKey) => ({ criterionKey, weight: 1 })),
  )
  return CRITERIA.map((_, i) => ids[`Cr${i + 1}`]!)
}

async function seedPairs(
  db: Executor,
  planId: string,
  actorId: string,
  pairs: { issue: string; target: string; means: number[]; spread: [number, number] }[],
  refs: { issues: Record<string, string>; targets: Record<string, string> },
  criteria: string[],
  scorers: string[],
  turn: (criterion: number) => { up: number; down: number },
) {
  const ids = await seedItems(
    db,
    planId,
    actorId,
    'pair',
    'P',
    pairs.map((p) => ({ issue: refs.issues[p.issue]!, target: refs.targets[p.target]! })),
  )
  for (const [index, pair] of pairs.entries()) {
    const subjectId = ids[`P${index + 1}`]!
    const columns = pair.means.map((m, c) => spreadScores(m, pair.spread, scorers.length, turn(c).up, turn(c).down))
    for (const [s, scorerId] of scorers.entries()) {
      const values = Object.fromEntries(criteria.map((criterion, c) => [criterion, columns[c]![s]!]))
      await ScoreRepository.upsertForScorer(db, { planId, subjectId, scorerId, values })
    }
  }
  return ids
}

/** Step 2 of both demo plans (scp-method.md §4.2 and §4.7). */
export async function seedStep2(db: Executor, ids: DemoIds, step1: Step1) {
  const palm = ids.plans['palm-oil']!
  const planner = ids.users['planner@demo.example']!
  const { mandate: m, sources: d } = step1.palm
  const issues = await seedItems(db, palm, planner, 'issue', 'I', [
    {
      title: 'Disguised casual employment',
      issueType: 'employment_status',
      legalProvisions: 'Employment Act s.59',
      description: 'Core harvesting and maintenance done by "casual daily" workers for years',
      mandate: [m.M4],
      evidence: [d.D1, d.D2, d.D5],
      affectedGroups: ['ambiguous_employment', 'women', 'informal'],
      sectors: ['A'],
    },
    {
      title: 'Unpaid family helpers used to meet harvest quotas',
      issueType: 'child_labour',
      legalProvisions: 'Employment Act; child labour law',
      description: 'Often wives and children of harvesters',
      mandate: [m.M6],
      evidence: [d.D5],
      affectedGroups: ['women', 'children', 'informal'],
      sectors: ['A'],
    },
    {
      title: 'Piece-rate pay below the provincial minimum wage',
      issueType: 'wages',
      legalProvisions: 'Wage regulation',
      description: 'In low-yield months',
      evidence: [d.D2, d.D5],
      affectedGroups: ['ambiguous_employment'],
      sectors: ['A'],
    },
    {
      title: 'Pesticide spraying without PPE or health checks',
      issueType: 'osh',
      legalProvisions: 'OSH regulation',
      description: 'Mostly women sprayers',
      mandate: [m.M1, m.M2],
      evidence: [d.D6],
      affectedGroups: ['women'],
      sectors: ['A'],
    },
    {
      title: 'Non-registration in social security',
      issueType: 'social_security',
      legalProvisions: 'Social Security Act',
      mandate: [m.M5],
      evidence: [d.D3, d.D4],
      affectedGroups: ['informal', 'ambiguous_employment'],
      sectors: ['A'],
    },
    {
      title: 'Excessive hours in mills during peak season',
      issueType: 'working_time',
      legalProvisions: 'Working time rules',
      mandate: [m.M1],
      evidence: [d.D1],
      sectors: ['C'],
    },
  ])
  const targets = await seedItems(db, palm, planner, 'target', 'T', [
    {
      name: 'Large estate companies (≥ 1,000 ha, group-owned)',
      targetType: 'enterprise_tier',
      estimatedUnits: 22,
      estimatedWorkers: 19000,
      location: 'Sungai Hijau Province',
    },
    {
      name: 'Mid-size independent estates',
      targetType: 'enterprise_tier',
      estimatedUnits: 41,
      estimatedWorkers: 8500,
      location: 'Sungai Hijau Province',
    },
    {
      name: 'Labour contractors supplying harvesters and sprayers',
      targetType: 'contractor_type',
      estimatedUnits: 35,
      estimatedWorkers: 3500,
    },
    { name: 'Palm oil mills', targetType: 'supply_chain_node', estimatedUnits: 14, estimatedWorkers: 2100 },
    {
      name: 'Smallholder cooperatives',
      targetType: 'sub_sector',
      estimatedUnits: 23,
      location: 'Mostly family labour',
    },
  ])
  const criteria = await seedCriteria(db, palm, planner)
  const scorers = ['planner', 'ssa', 'union', 'steward', 'employer', 'estate'].map(
    (u) => ids.users[`${u}@demo.example`]!,
  )
  const pairs = await seedPairs(db, palm, planner, PALM_PAIRS, { issues, targets }, criteria, scorers, palmTurn)
  await seedItems(db, palm, planner, 'priority_decision', 'DEC', [
    {
      pairs: [pairs.P1!],
      rationale:
        'Priority 1: disguised casual employment (I1) in large estate companies (T1), extended to the T3 contractors supplying them; the highest score, a clear legal basis (Employment Act s.59) and group HQs as a pivot. Priority 2 for the next cycle: pesticide OSH (I4).',
      dissent: 'KPGA-SH scored I1 × T1 "leverage" 3, citing legal ambiguity about seasonal work.',
    },
  ])
  const nodes = await seedItems(db, palm, planner, 'node', 'N', [
    {
      label: 'Refiners / export buyers',
      nodeCategory: 'lead_firm',
      countUnits: 4,
      issues: [],
      isPivot: false,
      x: 130,
      y: 90,
    },
    {
      label: 'Mills',
      nodeCategory: 'processor',
      countUnits: 14,
      countWorkers: 2100,
      issues: [issues.I6],
      isPivot: true,
      x: 130,
      y: 270,
    },
    {
      label: 'Group HQs of large estates',
      nodeCategory: 'lead_firm',
      countUnits: 9,
      issues: [issues.I1],
      isPivot: true,
      x: 480,
      y: 90,
    },
    {
      label: 'Large estates (T1)',
      nodeCategory: 'producer',
      countUnits: 22,
      countWorkers: 19000,
      issues: [issues.I1, issues.I4, issues.I5],
      isPivot: false,
      x: 480,
      y: 270,
    },
    {
      label: 'Labour contractors (T3)',
      nodeCategory: 'contractor',
      countUnits: 35,
      countWorkers: 3500,
      issues: [issues.I1, issues.I5],
      isPivot: false,
      x: 830,
      y: 270,
    },
    {
      label: 'Casual harvesters and maintenance workers',
      nodeCategory: 'worker_group',
      countWorkers: 11800,
      issues: [issues.I1, issues.I2, issues.I3],
      isPivot: false,
      x: 480,
      y: 450,
    },
  ])
  await seedItems(db, palm, planner, 'relation', 'E', [
    { from: nodes.N1, to: nodes.N2, relationType: 'sources_from', strength: 2 },
    { from: nodes.N2, to: nodes.N4, relationType: 'sources_from', label: 'sources FFB from', strength: 3 },
    { from: nodes.N3, to: nodes.N4, relationType: 'owns', strength: 3 },
    { from: nodes.N5, to: nodes.N4, relationType: 'contracts_labour_to', strength: 2 },
    { from: nodes.N4, to: nodes.N6, relationType: 'employs', strength: 3 },
  ])

  const fishing = ids.plans['fishing']!
  const lead = ids.users['fisheries@demo.example']!
  const f1 = step1.fishing
  const fIssues = await seedItems(db, fishing, lead, 'issue', 'I', [
    {
      title: 'Missing written work agreements',
      issueType: 'employment_status',
      legalProvisions: 'Fishing Work Regulation (C188-style)',
      mandate: [f1.mandate.M2],
      evidence: [f1.sources.D2],
      affectedGroups: ['migrants', 'informal'],
      sectors: ['A'],
    },
    {
      title: 'No safety equipment or sea-survival training',
      issueType: 'osh',
      legalProvisions: 'Fishing Work Regulation',
      mandate: [f1.mandate.M2],
      affectedGroups: ['young'],
      sectors: ['A'],
    },
    {
      title: 'Excessive hours at sea',
      issueType: 'working_time',
      legalProvisions: 'Labour Code, working time',
      mandate: [f1.mandate.M3],
      sectors: ['A'],
    },
    {
      title: 'Under-age crew on small vessels',
      issueType: 'child_labour',
      legalProvisions: 'Labour Code, minimum age',
      mandate: [f1.mandate.M1],
      affectedGroups: ['children'],
      sectors: ['A'],
    },
  ])
  const fTargets = await seedItems(db, fishing, lead, 'target', 'T', [
    {
      name: 'Registered vessels ≥ 24 m',
      targetType: 'enterprise_tier',
      estimatedUnits: 140,
      location: 'Port of Puerto Azul',
    },
    {
      name: 'Small vessels',
      targetType: 'enterprise_tier',
      estimatedUnits: 600,
      location: 'Puerto Azul and nearby landing beaches',
    },
    { name: 'Crewing agencies', targetType: 'contractor_type', estimatedUnits: 12 },
  ])
  const fCriteria = await seedCriteria(db, fishing, lead)
  const fScorers = ['fisheries', 'fishers', 'vessels', 'port'].map((u) => ids.users[`${u}@demo.example`]!)
  const fPairs = await seedPairs(
    db,
    fishing,
    lead,
    [
      { issue: 'I1', target: 'T1', means: [4, 4, 4, 4, 4, 5, 5, 4], spread: [3, 5] },
      { issue: 'I2', target: 'T2', means: [5, 4, 4, 3, 3, 3, 3, 4], spread: [2, 5] },
      { issue: 'I4', target: 'T2', means: [5, 2, 5, 5, 2, 2, 2, 3], spread: [2, 5] },
    ],
    { issues: fIssues, targets: fTargets },
    fCriteria,
    fScorers,
    fishingTurn,
  )
  await seedItems(db, fishing, lead, 'priority_decision', 'DEC', [
    {
      pairs: [fPairs.P1!],
      rationale:
        'Written work agreements on the large vessels: checkable at the landing-permit checkpoint, with buyers asking for traceability.',
      dissent: 'VOA-PA asked that small vessels be phased in later.',
    },
  ])
  const fNodes = await seedItems(db, fishing, lead, 'node', 'N', [
    {
      label: 'Fish buyers and exporters',
      nodeCategory: 'lead_firm',
      countUnits: 18,
      issues: [],
      isPivot: true,
      x: 130,
      y: 100,
    },
    {
      label: 'Port landing-permit checkpoint',
      nodeCategory: 'port_site',
      countUnits: 1,
      issues: [fIssues.I1, fIssues.I2],
      isPivot: true,
      x: 480,
      y: 100,
    },
    {
      label: 'Vessels ≥ 24 m (T1)',
      nodeCategory: 'producer',
      countUnits: 140,
      issues: [fIssues.I1, fIssues.I3],
      isPivot: false,
      x: 480,
      y: 280,
    },
    {
      label: 'Crewing agencies (T3)',
      nodeCategory: 'contractor',
      countUnits: 12,
      issues: [fIssues.I1],
      isPivot: false,
      x: 830,
      y: 280,
    },
    {
      label: 'Crew',
      nodeCategory: 'worker_group',
      countWorkers: 5200,
      issues: [fIssues.I1, fIssues.I2, fIssues.I3],
      isPivot: false,
      x: 480,
      y: 450,
    },
  ])
  await seedItems(db, fishing, lead, 'relation', 'E', [
    { from: fNodes.N1, to: fNodes.N3, relationType: 'sources_from', label: 'buys catch from', strength: 3 },
    { from: fNodes.N2, to: fNodes.N3, relationType: 'other', label: 'clears landings of', strength: 3 },
    { from: fNodes.N4, to: fNodes.N3, relationType: 'contracts_labour_to', strength: 2 },
    { from: fNodes.N3, to: fNodes.N5, relationType: 'employs', strength: 3 },
  ])
  return {
    palm: { issues, targets, pairs, nodes },
    fishing: { issues: fIssues, targets: fTargets, pairs: fPairs, nodes: fNodes },
  }
}
