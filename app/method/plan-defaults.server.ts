import { type DefaultItemSet } from '#db/repositories/worksheet-items.ts'
import { SUBSTEPS } from './substeps.server.ts'

/** What every new plan starts with: each sub-step's `newPlanItems`, in sub-step order. */
export const PLAN_DEFAULT_ITEMS: readonly DefaultItemSet[] = Object.values(SUBSTEPS).flatMap(
  (s): readonly DefaultItemSet[] => s.newPlanItems ?? [],
)
