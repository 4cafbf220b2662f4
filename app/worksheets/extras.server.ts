import { type Db } from '#db/client.ts'
import { type Actor, type PlanRole } from '#core/permissions.ts'
import { type SubstepCode } from '#core/substeps.ts'
import { handleStakeholderAction, loadStakeholderScores } from './step4.server.ts'
import { handleInterventionPriorities, loadInterventionPriorities, loadSelectedOnly } from './step5.server.ts'
import { loadChart, loadPlanMap } from './step6.server.ts'

export interface ExtraContext {
  db: Db
  planId: string
  actor: Actor
  role: PlanRole | null
}

/** Sub-step specific data beyond the item lists (scores, decisions, diagrams …). */
export const EXTRA_LOADERS: Partial<Record<SubstepCode, (ctx: ExtraContext) => Promise<unknown>>> = {
  '4.2': loadStakeholderScores,
  '5.2': loadInterventionPriorities,
  '5.3': loadSelectedOnly,
  '6.1': loadPlanMap,
  '6.2': loadChart,
}

/**
 * Sub-step specific form intents (anything not starting with `item:`). Each handler checks its own
 * permission with canOnPlan and returns the same `{ formId, result }` shape as item actions.
 */
export const EXTRA_ACTIONS: Partial<
  Record<SubstepCode, (ctx: ExtraContext & { formData: FormData }) => Promise<unknown>>
> = {
  '4.2': handleStakeholderAction,
  '5.2': handleInterventionPriorities,
}
