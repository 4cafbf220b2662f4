import { type DemoSeed } from '../define-demo.ts'

/** The six tripartite scorers of the palm oil plan, with the constituency of each. */
export const PALM_SCORERS = [
  ['planner@demo.example', 'government'],
  ['ssa@demo.example', 'government'],
  ['union@demo.example', 'workers'],
  ['steward@demo.example', 'workers'],
  ['employer@demo.example', 'employers'],
  ['estate@demo.example', 'employers'],
] as const

export const CRITERIA_ORDER = ['effect', 'reach', 'cost', 'feasibility', 'buy_in', 'speed', 'measurable'] as const

/**
 * §4.5: the interventions and the mean scores of the worked example. The table's cost column is the
 * score after reversing (high = cheap); people score cost as given (5 = expensive), so the raw
 * cost each scorer enters is 6 − that value.
 */
export const INTERVENTIONS = [
  {
    title:
      'Targeted status-determination inspections at the 22 large estates, with union-assisted confidential worker interviews',
    type: 'targeted_inspection',
    means: [5, 4, 2, 5, 3, 3, 5],
    favours: 'workers',
  },
  {
    title:
      'Compliance orders for status conversion; follow-up after 60 days; fines and prosecution referral for repeat offenders',
    type: 'enforcement',
    means: [4, 3, 4, 5, 2, 3, 5],
    favours: 'workers',
  },
  {
    title: 'Joint inspections with SSA on registration (MoU)',
    type: 'targeted_inspection',
    means: [4, 3, 3, 4, 4, 3, 5],
    favours: 'workers',
  },
  {
    title: 'Employer guidance note and 2 KPGA workshops on lawful use of casual work and record-keeping',
    type: 'compliance_assistance',
    means: [3, 4, 4, 5, 4, 4, 3],
    favours: 'employers',
  },
  {
    title: 'Worker rights campaign (radio spots, union shop-steward briefings, hotline)',
    type: 'awareness',
    means: [3, 5, 4, 5, 4, 4, 3],
    favours: 'workers',
  },
  {
    title: 'Engage mills and refiners to add employment-status compliance to supplier requirements',
    type: 'partnerships',
    means: [4, 5, 4, 3, 3, 2, 3],
    favours: 'employers',
  },
  {
    title: 'Publish an annual "regularisation list" of estates that converted ≥ 80 % of core casual workers',
    type: 'incentives',
    means: [3, 3, 5, 4, 2, 3, 4],
    favours: 'employers',
  },
  {
    title: 'Recommend a provincial regulation clarifying "seasonal" work in perennial crops',
    type: 'rules_policy',
    means: [4, 5, 4, 2, 2, 1, 2],
    favours: 'workers',
  },
  {
    title: 'Establishment and contractor registry (LIFT-type)',
    type: 'data_ict',
    means: [3, 4, 2, 4, 4, 2, 4],
    favours: 'employers',
  },
] as const

/**
 * Six individual scores whose mean is `mean`: the favoured constituency's first scorer one point
 * higher, the other side's first scorer one point lower (none at the ends of the scale), so the
 * means by constituency differ while the overall mean is the worked example's.
 */
export function individualScores(mean: number, favours: 'workers' | 'employers'): number[] {
  if (mean <= 1 || mean >= 5) return PALM_SCORERS.map(() => mean)
  return PALM_SCORERS.map(([email]) => {
    if (email === (favours === 'workers' ? 'union@demo.example' : 'employer@demo.example')) return mean + 1
    if (email === (favours === 'workers' ? 'employer@demo.example' : 'union@demo.example')) return mean - 1
    return mean
  })
}

/** Raw (as entered) scores of one scorer for one intervention of the worked example. */
export function rawScores(intervention: (typeof INTERVENTIONS)[number], scorerIndex: number): Record<string, number> {
  return Object.fromEntries(
    CRITERIA_ORDER.map((key, i) => {
      const mean = key === 'cost' ? 6 - intervention.means[i]! : intervention.means[i]!
      return [key, individualScores(mean, intervention.favours)[scorerIndex]!]
    }),
  )
}

/** 5.1 of the palm oil plan: the candidate interventions (scp-method.md §4.5). */
export const demo: DemoSeed = async ({ items, user }) => {
  await items(
    'palm-oil',
    user('planner@demo.example'),
    'intervention',
    'V',
    INTERVENTIONS.map((v) => ({ title: v.title, interventionType: v.type })),
  )
}
