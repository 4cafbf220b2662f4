import { type DefaultItemSet } from '#db/repositories/worksheet-items.ts'
import { criterionSpec, DEFAULT_CRITERIA } from './step2.ts'

/**
 * What every new plan starts with, written in the plan's creating transaction: the method's eight
 * prioritisation criteria (weight 1). Creating them lazily when someone first opened 2.2 made a
 * GET write, recorded as whoever looked first (an ILO reviewer included).
 */
export const PLAN_DEFAULT_ITEMS: readonly DefaultItemSet[] = [
  {
    kind: criterionSpec.kind,
    refPrefix: criterionSpec.refPrefix,
    rows: DEFAULT_CRITERIA.map((criterionKey) => ({ criterionKey, weight: 1 })),
  },
]
