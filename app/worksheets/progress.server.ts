import { type Executor } from '#db/executor.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { SUBSTEP_CODES, type SubstepCode } from '#core/substeps.ts'
import { SUBSTEPS } from '../method/substeps.server.ts'

export type SubstepStatus = 'not_started' | 'in_progress' | 'done'

/** A sub-step's status and, unless done, what is missing (translation keys in the `steps` namespace). */
export interface SubstepProgress {
  code: SubstepCode
  status: SubstepStatus
  missing: string[]
}

export interface ProgressItem {
  id: string
  kind: string
  data: Record<string, unknown>
}

export interface ProgressScore {
  subject_id: string
  criterion: string
}

/**
 * What the progress rules read of one plan, loaded beforehand: its worksheet items and scores. The
 * rules are then pure, so one plan or a hundred cost the same two queries (the dashboard evaluates
 * every plan changed since it was last evaluated, ADR 037).
 */
export interface ProgressContent {
  /** The items of these kinds, in their order (kind, then position). */
  items(...kinds: string[]): ProgressItem[]
  /** The scores given on the items of `kind`. */
  scores(kind: string): ProgressScore[]
}

export type ProgressEvaluator = (content: ProgressContent) => Omit<SubstepProgress, 'code'>

function evaluate(content: ProgressContent): SubstepProgress[] {
  return SUBSTEP_CODES.map((code) => ({ code, ...SUBSTEPS[code].progress(content) }))
}

function contentOf(items: ProgressItem[], scores: (ProgressScore & { kind: string })[]): ProgressContent {
  return {
    items: (...kinds) => items.filter((i) => kinds.includes(i.kind)),
    scores: (kind) => scores.filter((s) => s.kind === kind),
  }
}

/** The status of all 16 sub-steps of each plan: two queries whatever the number of plans. */
export async function plansProgress(db: Executor, planIds: readonly string[]): Promise<Map<string, SubstepProgress[]>> {
  const [items, scores] = await Promise.all([
    ItemRepository.findForProgress(db, planIds),
    ScoreRepository.findForProgress(db, planIds),
  ])
  const itemsOf = new Map<string, ProgressItem[]>(planIds.map((id) => [id, []]))
  const scoresOf = new Map<string, (ProgressScore & { kind: string })[]>(planIds.map((id) => [id, []]))
  for (const i of items) itemsOf.get(i.plan_id)?.push(i)
  for (const s of scores) scoresOf.get(s.plan_id)?.push(s)
  return new Map(planIds.map((id) => [id, evaluate(contentOf(itemsOf.get(id)!, scoresOf.get(id)!))]))
}

/** The status of all 16 sub-steps of a plan. */
export async function planProgress(db: Executor, planId: string): Promise<SubstepProgress[]> {
  return (await plansProgress(db, [planId])).get(planId)!
}
