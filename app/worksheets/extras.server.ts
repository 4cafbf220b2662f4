import { type Db } from '#db/client.ts'
import { type Actor, type PlanRole } from '../utils/permissions.ts'
import { type SubstepCode } from '../utils/substeps.ts'

export interface ExtraContext {
  db: Db
  planId: string
  actor: Actor
  role: PlanRole | null
}

/** Sub-step specific data beyond the item lists (scores, decisions, diagrams …). */
export const EXTRA_LOADERS: Partial<Record<SubstepCode, (ctx: ExtraContext) => Promise<unknown>>> = {}

/**
 * Sub-step specific form intents (anything not starting with `item:`). Each handler checks its own
 * permission with canOnPlan and returns the same `{ formId, result }` shape as item actions.
 */
export const EXTRA_ACTIONS: Partial<Record<SubstepCode, (ctx: ExtraContext & { formData: FormData }) => Promise<unknown>>> = {}
