import * as ScoreRepository from '#db/repositories/scores.ts'
import { type DemoContext, type DemoPlan, type DemoSeed } from '../define-demo.ts'

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

// The fishing plan's three pairs (§4.7).
const FISHING_PAIRS: { issue: string; target: string; means: number[]; spread: [number, number] }[] = [
  { issue: 'I1', target: 'T1', means: [4, 4, 4, 4, 4, 5, 5, 4], spread: [3, 5] },
  { issue: 'I2', target: 'T2', means: [5, 4, 4, 3, 3, 3, 3, 4], spread: [2, 5] },
  { issue: 'I4', target: 'T2', means: [5, 2, 5, 5, 2, 2, 2, 3], spread: [2, 5] },
]

/** The plan's criteria, then its pairs, each scored by every scorer on every criterion. */
async function scorePairs(
  { db, items, id, plan: planId }: DemoContext,
  plan: DemoPlan,
  author: string,
  pairs: typeof PALM_PAIRS,
  scorers: string[],
  turn: (criterion: number) => { up: number; down: number },
) {
  const criteriaIds = await items(
    plan,
    author,
    'criterion',
    'Cr',
    CRITERIA.map((criterionKey) => ({ criterionKey, weight: 1 })),
  )
  const criteria = CRITERIA.map((_, i) => criteriaIds[`Cr${i + 1}`]!)
  const ids = await items(
    plan,
    author,
    'pair',
    'P',
    pairs.map((p) => ({ issue: id(plan, 'issue', p.issue), target: id(plan, 'target', p.target) })),
  )
  for (const [index, pair] of pairs.entries()) {
    const subjectId = ids[`P${index + 1}`]!
    const columns = pair.means.map((m, c) => spreadScores(m, pair.spread, scorers.length, turn(c).up, turn(c).down))
    for (const [s, scorerId] of scorers.entries()) {
      const values = Object.fromEntries(criteria.map((criterion, c) => [criterion, columns[c]![s]!]))
      await ScoreRepository.upsertForScorer(db, { planId: planId(plan), subjectId, scorerId, values })
    }
  }
}

/** 2.2 of both demo plans: criteria, scored pairs and the recorded decision (scp-method.md §4.2 and §4.7). */
export const demo: DemoSeed = async (demo) => {
  const { items, user, id } = demo
  const palmScorers = ['planner', 'ssa', 'union', 'steward', 'employer', 'estate'].map((u) => user(`${u}@demo.example`))
  await scorePairs(demo, 'palm-oil', user('planner@demo.example'), PALM_PAIRS, palmScorers, palmTurn)
  const pp = (ref: string) => id('palm-oil', 'pair', ref)
  await items('palm-oil', user('planner@demo.example'), 'priority_decision', 'DEC', [
    {
      pairs: [pp('P1')],
      rationale:
        'Priority 1: disguised casual employment (I1) in large estate companies (T1), extended to the T3 contractors supplying them; the highest score, a clear legal basis (Employment Act s.59) and group HQs as a pivot. Priority 2 for the next cycle: pesticide OSH (I4).',
      dissent: 'KPGA-SH scored I1 × T1 "leverage" 3, citing legal ambiguity about seasonal work.',
    },
  ])
  const fishingScorers = ['fisheries', 'fishers', 'vessels', 'port'].map((u) => user(`${u}@demo.example`))
  await scorePairs(demo, 'fishing', user('fisheries@demo.example'), FISHING_PAIRS, fishingScorers, fishingTurn)
  const fp = (ref: string) => id('fishing', 'pair', ref)
  await items('fishing', user('fisheries@demo.example'), 'priority_decision', 'DEC', [
    {
      pairs: [fp('P1')],
      rationale:
        'Written work agreements on the large vessels: checkable at the landing-permit checkpoint, with buyers asking for traceability.',
      dissent: 'VOA-PA asked that small vessels be phased in later.',
    },
  ])
}
