// The server half of a sub-step: what its page loads beyond the item lists, the forms it answers
// beyond `item:*`, the database checks of its kinds, its progress rule, the sign-off scopes it adds
// and its section of the exported plan. Each folder's `substep.server.ts` calls `defineSubstep` once;
// `substeps.server.ts` gathers the 16 and the generic machinery (the sub-step route, the item action,
// progress, sign-off, exports) reads them from there, never by a code of its own.
import { type Db } from '#db/client.ts'
import { type DefaultItemSet } from '#db/repositories/worksheet-items.ts'
import { type Actor, type PlanRole } from '#core/permissions.ts'
import { type SubstepCode } from '#core/substeps.ts'
import { type ComposeContext } from '../exports/compose/context.ts'
import { type Block } from '../exports/types.ts'
import { type PlausibilityContext } from '../worksheets/plausibility.ts'
import { type ProgressEvaluator } from '../worksheets/progress.server.ts'
import { type SubstepWorksheet } from './define.ts'

export interface SubstepContext {
  db: Db
  planId: string
  actor: Actor
  role: PlanRole | null
}

/** A database-dependent check of an item's data, run after its links are known to be valid. */
export type ItemCheck = (ctx: {
  db: Db
  planId: string
  id: string | null
  value: Record<string, unknown>
}) => Promise<{ path: string; message: string }[]>

export interface SubstepDefinition<C extends SubstepCode = SubstepCode, Extra = unknown> {
  worksheet: SubstepWorksheet<C>
  /** Data for the page's panels beyond the item lists (scores, decisions, diagrams …). */
  load?: (ctx: SubstepContext) => Promise<Extra>
  /**
   * Form intents beyond `item:*`. Each handler checks its own permission with canOnPlan and returns
   * the same `{ formId, result }` shape as item actions.
   */
  act?: (ctx: SubstepContext & { formData: FormData }) => Promise<unknown>
  /**
   * What the plausibility warnings of its kinds are judged against (ADR 059), taken from what `load`
   * returned; sub-steps without warnings leave it out.
   */
  plausibility?(extra: Extra): PlausibilityContext
  /** Checks of its kinds beyond their schema (uniqueness, cycles …), by kind. */
  checks?: Readonly<Record<string, ItemCheck>>
  /** Its status and, unless done, what is missing. */
  progress: ProgressEvaluator
  /** Content scopes its sign-off covers beyond its kinds and notes (scores it collects …). */
  scopes?: readonly string[]
  /**
   * Items every new plan starts with, written in the plan's creating transaction: creating them when
   * someone first opened the page made a GET write, recorded as whoever looked first.
   */
  newPlanItems?: readonly DefaultItemSet[]
  /** Its part of the exported plan (print view, PDF, DOCX), under the sub-step's heading. */
  exportSection: (ctx: ComposeContext) => Block[]
}

/** What the page's panels receive as `extra`: the result of the sub-step's `load` (null without one). */
export type ExtraOf<D> = D extends SubstepDefinition<SubstepCode, infer E> ? E : never

/** Defines a sub-step's server side; the checks must be for kinds it owns. */
export function defineSubstep<C extends SubstepCode, Extra = null>(
  def: SubstepDefinition<C, Extra>,
): SubstepDefinition<C, Extra> {
  const owned = new Set(def.worksheet.kinds.map((k) => k.kind))
  const stray = Object.keys(def.checks ?? {}).filter((kind) => !owned.has(kind))
  if (stray.length) throw new Error(`Sub-step ${def.worksheet.code} checks kinds it does not own: ${stray.join(', ')}`)
  return def
}
