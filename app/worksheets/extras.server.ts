import { type Db } from '#db/client.ts'
import { type Actor, type PlanRole } from '#core/permissions.ts'
import { type SubstepCode } from '#core/substeps.ts'
import { handleCauseAction, loadCauseContext } from './step3.server.ts'
import { loadCountryStatistics } from '../statistics/load.server.ts'

export interface ExtraContext {
  db: Db
  planId: string
  actor: Actor
  role: PlanRole | null
}

/** Sub-step specific data beyond the item lists (scores, decisions, diagrams …). */
export const EXTRA_LOADERS: Partial<Record<SubstepCode, (ctx: ExtraContext) => Promise<unknown>>> = {
  '1.3': loadCountryStatistics,
  '3.1': loadCauseContext,
}

/**
 * Sub-step specific form intents (anything not starting with `item:`). Each handler checks its own
 * permission with canOnPlan and returns the same `{ formId, result }` shape as item actions.
 */
export const EXTRA_ACTIONS: Partial<
  Record<SubstepCode, (ctx: ExtraContext & { formData: FormData }) => Promise<unknown>>
> = {
  '3.1': handleCauseAction,
}
