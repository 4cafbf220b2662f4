import { type Db } from '#db/client.ts'
import { SUBSTEP_CODES, type SubstepCode } from '../utils/substeps.ts'
import { dataSourceProgress, mandateProgress, resourceProgress } from './step1.progress.server.ts'
import { issuesTargetsProgress, prioritisationProgress, targetMapProgress } from './step2.progress.server.ts'
import { causeTreeProgress, influenceProgress } from './step3.progress.server.ts'
import { stakeholderListProgress, stakeholderMapProgress, stakeholderPriorityProgress } from './step4.progress.server.ts'
import { interventionMapProgress, interventionPriorityProgress, interventionProgress } from './step5.server.ts'
import { chartProgress, planMapProgress } from './step6.server.ts'

export type SubstepStatus = 'not_started' | 'in_progress' | 'done'

/** A sub-step's status and, unless done, what is missing (translation keys in the `steps` namespace). */
export interface SubstepProgress {
  code: SubstepCode
  status: SubstepStatus
  missing: string[]
}

export type ProgressEvaluator = (db: Db, planId: string) => Promise<Omit<SubstepProgress, 'code'>>

// One evaluator per sub-step, added by each worksheet module as it is built.
const evaluators: Partial<Record<SubstepCode, ProgressEvaluator>> = {
  '1.1': mandateProgress,
  '1.2': resourceProgress,
  '1.3': dataSourceProgress,
  '2.1': issuesTargetsProgress,
  '2.2': prioritisationProgress,
  '2.3': targetMapProgress,
  '3.1': causeTreeProgress,
  '3.2': influenceProgress,
  '4.1': stakeholderListProgress,
  '4.2': stakeholderPriorityProgress,
  '4.3': stakeholderMapProgress,
  '5.1': interventionProgress,
  '5.2': interventionPriorityProgress,
  '5.3': interventionMapProgress,
  '6.1': planMapProgress,
  '6.2': chartProgress,
}

/** The status of all 16 sub-steps of a plan. */
export async function planProgress(db: Db, planId: string): Promise<SubstepProgress[]> {
  return Promise.all(
    SUBSTEP_CODES.map(async (code) => {
      const evaluate = evaluators[code]
      if (!evaluate) return { code, status: 'not_started' as const, missing: ['progress.missing.noEntries'] }
      return { code, ...(await evaluate(db, planId)) }
    }),
  )
}
