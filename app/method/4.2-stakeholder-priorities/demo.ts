import * as ScoreRepository from '#db/repositories/scores.ts'
import { FISHING_STAKEHOLDERS, PALM_STAKEHOLDERS, type SeedStakeholder } from '../4.1-stakeholders/demo.ts'
import { type DemoContext, type DemoPlan, type DemoSeed } from '../define-demo.ts'

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
  { db, plan, id }: DemoContext,
  demoPlan: DemoPlan,
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
      await ScoreRepository.upsertForScorer(db, {
        planId: plan(demoPlan),
        subjectId: id(demoPlan, 'stakeholder', `S${i + 1}`),
        scorerId,
        values,
      })
    }
  }
}

/** 4.2 of both demo plans: everyone's scores of the stakeholders (scp-method.md §4.4 and §4.7). */
export const demo: DemoSeed = async (demo) => {
  const palmScorers = ['planner', 'ssa', 'union', 'steward', 'employer', 'estate'].map((u) =>
    demo.user(`${u}@demo.example`),
  )
  await seedScores(demo, 'palm-oil', PALM_STAKEHOLDERS, palmScorers, PALM_TURNS)
  const fishingScorers = ['fisheries', 'port', 'fishers', 'vessels'].map((u) => demo.user(`${u}@demo.example`))
  // Partly done: the first five stakeholders are scored so far.
  await seedScores(demo, 'fishing', FISHING_STAKEHOLDERS.slice(0, 5), fishingScorers, FISHING_TURNS)
}
