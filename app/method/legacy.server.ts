// TRANSITIONAL: the server side of the sub-steps not yet moved into their folder, defined from the
// old registries. Deleted when the last sub-step has its folder.
import { type SubstepCode } from '#core/substeps.ts'
import { substepParts46 } from '../exports/compose/steps-4-6.ts'
import { ITEM_CHECKS } from '../worksheets/checks.server.ts'
import { EXTRA_ACTIONS, EXTRA_LOADERS } from '../worksheets/extras.server.ts'
import { type ProgressEvaluator } from '../worksheets/progress.server.ts'
import { SELECTION_KIND } from '../worksheets/step5.ts'
import {
  stakeholderListProgress,
  stakeholderMapProgress,
  stakeholderPriorityProgress,
} from '../worksheets/step4.progress.server.ts'
import {
  interventionMapProgress,
  interventionPriorityProgress,
  interventionProgress,
} from '../worksheets/step5.server.ts'
import { chartProgress, planMapProgress } from '../worksheets/step6.server.ts'

import { defineSubstep, type SubstepDefinition } from './define.server.ts'
import { legacyWorksheet } from './legacy.ts'

const EXTRA_SCOPES: Partial<Record<SubstepCode, string[]>> = {
  '4.2': ['scores:stakeholder'],
  '5.2': ['scores:intervention', `kind:${SELECTION_KIND}`],
}

// One evaluator per sub-step, added by each worksheet module as it is built.
const evaluators: Partial<Record<SubstepCode, ProgressEvaluator>> = {
  '4.1': stakeholderListProgress,
  '4.2': stakeholderPriorityProgress,
  '4.3': stakeholderMapProgress,
  '5.1': interventionProgress,
  '5.2': interventionPriorityProgress,
  '5.3': interventionMapProgress,
  '6.1': planMapProgress,
  '6.2': chartProgress,
}

export function legacySubstep<C extends SubstepCode>(code: C): SubstepDefinition<C, unknown> {
  const worksheet = legacyWorksheet(code)
  const checks = Object.fromEntries(
    worksheet.kinds.flatMap((k) => (ITEM_CHECKS[k.kind] ? [[k.kind, ITEM_CHECKS[k.kind]!]] : [])),
  )
  return defineSubstep<C, unknown>({
    worksheet,
    load: EXTRA_LOADERS[code],
    act: EXTRA_ACTIONS[code],
    checks,
    progress: evaluators[code]!,
    scopes: EXTRA_SCOPES[code],
    exportSection: (ctx) => substepParts46(ctx, code),
  })
}
