import { type SubstepContext } from '../define.server.ts'
import { selectedInterventionIds } from '../5.2-intervention-priorities/selections.server.ts'

/** Which interventions are selected: 5.3 links those to the map, and its panel shows which are linked yet. */
export async function loadSelectedOnly({ db, planId }: SubstepContext) {
  return { selected: [...(await selectedInterventionIds(db, planId))] }
}
