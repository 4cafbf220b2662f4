import { type Executor } from '#db/executor.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { SUBSTEP_CODES, type SubstepCode } from '#core/substeps.ts'
import { dataSourceProgress, mandateProgress, resourceProgress } from './step1.progress.server.ts'
import { issuesTargetsProgress, prioritisationProgress, targetMapProgress } from './step2.progress.server.ts'
import { causeTreeProgress, influenceProgress } from './step3.progress.server.ts'
import {
  stakeholderListProgress,
  stakeholderMapProgress,
  stakeholderPriorityProgress,
} from './step4.progress.server.ts'
import { interventionMapProgress, interventionPriorityProgress, interventionProgress } from './step5.server.ts'
import { chartProgress, planMapProgress } from './step6.server.ts'

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

function evaluate(content: ProgressContent): SubstepProgress[] {
  return SUBSTEP_CODES.map((code) => {
    const rule = evaluators[code]
    if (!rule) return { code, status: 'not_started' as const, missing: ['progress.missing.noEntries'] }
    return { code, ...rule(content) }
  })
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
