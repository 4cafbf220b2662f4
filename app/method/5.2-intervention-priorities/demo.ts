import * as ScoreRepository from '#db/repositories/scores.ts'
import * as SelectionRepository from '#db/repositories/intervention-selections.ts'
import { INTERVENTIONS, PALM_SCORERS, rawScores } from '../5.1-interventions/demo.ts'
import { type DemoSeed } from '../define-demo.ts'

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

/** 5.2 of the palm oil plan: everyone's scores and the team's selection (scp-method.md §4.5). */
export const demo: DemoSeed = async ({ db, plan, user, id }) => {
  const palm = plan('palm-oil')
  for (const [index, v] of INTERVENTIONS.entries()) {
    for (const [s, [email]] of PALM_SCORERS.entries()) {
      await ScoreRepository.upsertForScorer(db, {
        planId: palm,
        subjectId: id('palm-oil', 'intervention', `V${index + 1}`),
        scorerId: user(email),
        values: rawScores(v, s),
      })
    }
  }
  for (const [ref, [decision, rationale]] of Object.entries(SELECTION)) {
    await SelectionRepository.save(db, {
      planId: palm,
      interventionId: id('palm-oil', 'intervention', ref),
      expectedVersion: null,
      data: { decision, rationale },
      actorId: user('planner@demo.example'),
    })
  }
}
