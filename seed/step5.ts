import { type Executor } from '#db/executor.ts'
import * as SelectionRepository from '#db/repositories/intervention-selections.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import { type DemoIds } from './demo.ts'
import { seedItems } from './items.ts'

type Refs = Record<string, string>

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

const SELECTION: Record<string, [decision: string, rationale: string]> = {
  V1: [
    'selected',
    'Core of the plan: status determination at the 22 large estates is where the violations are, and the union makes worker interviews possible.',
  ],
  V2: ['selected', 'Gives V1 its teeth; the orders and follow-ups are within the mandate (M2, M3).'],
  V3: ['selected', 'Registration is enforced by SSA; joint inspections close the gap in the mandate (M5).'],
  V4: ['selected', 'Cheap, fast and supported by KPGA-SH; the first rung of the ladder.'],
  V5: ['selected', 'Reaches the most workers and counters the fear of claiming status (C4).'],
  V6: [
    'selected',
    'Kept at an equal score with V7 because it acts on a pivot (mills), whose sourcing conditions reach the estates.',
  ],
  V7: ['deferred', 'Next cycle: the list depends on the results of the first round of inspections.'],
  V8: ['not_selected', 'Low feasibility and slow; the team will raise it at the annual review instead.'],
  V9: ['selected', 'Needed to target and follow up estates and contractors; ILO technical support is available.'],
}

/**
 * Step 5 of the palm oil plan (scp-method.md §4.5). Node, influence, cause and stakeholder ids come
 * from the step 2–4 seeds (by ref: N4, F6, C4, S1 …); missing ones are simply not linked.
 */
export async function seedStep5(
  db: Executor,
  ids: DemoIds,
  refs: { nodes?: Refs; influences?: Refs; causes?: Refs; stakeholders?: Refs } = {},
) {
  const palm = ids.plans['palm-oil']!
  const planner = ids.users['planner@demo.example']!
  const interventions = await seedItems(
    db,
    palm,
    planner,
    'intervention',
    'V',
    INTERVENTIONS.map((v) => ({ title: v.title, interventionType: v.type })),
  )
  for (const [index, v] of INTERVENTIONS.entries()) {
    for (const [s, [email]] of PALM_SCORERS.entries()) {
      await ScoreRepository.upsertForScorer(db, {
        planId: palm,
        subjectId: interventions[`V${index + 1}`]!,
        scorerId: ids.users[email]!,
        values: rawScores(v, s),
      })
    }
  }
  for (const [ref, [decision, rationale]] of Object.entries(SELECTION)) {
    await SelectionRepository.save(db, {
      planId: palm,
      interventionId: interventions[ref]!,
      expectedVersion: null,
      data: { decision, rationale },
      actorId: planner,
    })
  }

  const pick = (map: Refs | undefined, ...keys: string[]) => keys.flatMap((k) => (map?.[k] ? [map[k]] : []))
  const link = (v: string, f: string[], c: string[], s: string[], n: string[], mechanism: string) => ({
    intervention: interventions[v],
    influences: pick(refs.influences, ...f),
    causes: pick(refs.causes, ...c),
    partners: pick(refs.stakeholders, ...s),
    nodes: pick(refs.nodes, ...n),
    mechanism,
  })
  await seedItems(db, palm, planner, 'intervention_link', 'VL', [
    link(
      'V1',
      ['F6', 'F7'],
      [],
      ['S1'],
      ['N4'],
      'Raises the likelihood of inspection and builds the continuity evidence the estates do not keep.',
    ),
    link('V2', ['F6'], [], [], ['N4'], 'Orders, follow-ups and fines make non-compliance costly.'),
    link('V3', ['F6'], [], ['S6'], ['N4'], 'Joint inspections with SSA on registration.'),
    link(
      'V4',
      ['F7'],
      ['C6'],
      ['S2'],
      ['N3', 'N4'],
      'Corrects the belief that casual status is lawful for "seasonal" work; explains record-keeping.',
    ),
    link('V5', [], ['C4'], ['S1', 'S9', 'S10'], ['N6'], 'Workers learn their rights and can report safely.'),
    link(
      'V6',
      ['F1'],
      [],
      ['S4', 'S5'],
      ['N2', 'N3'],
      'Sourcing conditions from mills and refiners reach the estates.',
    ),
    link('V9', ['F5'], [], [], ['N5'], 'A registry of estates and contractors shows who the legal employer is.'),
  ])
  await seedItems(db, palm, planner, 'escalation_rung', 'L', [
    {
      trigger: 'Estate on the target list',
      response: 'Guidance note and workshop invitation',
      intervention: interventions.V4,
    },
    {
      trigger: 'Inspection finds casual workers in core tasks',
      response: 'Compliance order with a 30-day deadline',
      intervention: interventions.V2,
    },
    {
      trigger: 'Non-compliance at the 60-day follow-up',
      response: 'Administrative fine; notify the mill',
      intervention: interventions.V6,
    },
    { trigger: 'Second non-compliance', response: 'Prosecution referral; estate named in the annual report' },
  ])
  return { palm: { interventions } }
}
