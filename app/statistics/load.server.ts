import * as StatisticsRepository from '#db/repositories/inspection-statistics.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { type SubstepContext } from '../method/define.server.ts'

/** The plan country's labour inspection statistics, for step 1.3. */
export async function loadCountryStatistics({ db, planId }: SubstepContext) {
  const plan = await PlanRepository.findById(db, planId)
  return { statistics: plan ? await StatisticsRepository.findByCountry(db, plan.country_code) : [] }
}
