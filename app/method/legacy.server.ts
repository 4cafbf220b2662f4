// TRANSITIONAL: the server side of the sub-steps not yet moved into their folder, defined from the
// old registries. Deleted when the last sub-step has its folder.
import { type SubstepCode } from '#core/substeps.ts'
import { substepParts13 } from '../exports/compose/steps-1-3.ts'
import { ITEM_CHECKS } from '../worksheets/checks.server.ts'
import { EXTRA_ACTIONS, EXTRA_LOADERS } from '../worksheets/extras.server.ts'
import { type ProgressEvaluator } from '../worksheets/progress.server.ts'
import { dataSourceProgress, mandateProgress, resourceProgress } from '../worksheets/step1.progress.server.ts'
import { causeTreeProgress, influenceProgress } from '../worksheets/step3.progress.server.ts'

import { defineSubstep, type SubstepDefinition } from './define.server.ts'
import { legacyWorksheet } from './legacy.ts'

const EXTRA_SCOPES: Partial<Record<SubstepCode, string[]>> = {}

// One evaluator per sub-step, added by each worksheet module as it is built.
const evaluators: Partial<Record<SubstepCode, ProgressEvaluator>> = {
  '1.1': mandateProgress,
  '1.2': resourceProgress,
  '1.3': dataSourceProgress,
  '3.1': causeTreeProgress,
  '3.2': influenceProgress,
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
    exportSection: (ctx) => substepParts13(ctx, code),
  })
}
