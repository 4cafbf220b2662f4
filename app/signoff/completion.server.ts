import { type Executor } from '#db/executor.ts'
import * as SignoffRepository from '#db/repositories/signoffs.ts'
import { plansProgress, type SubstepProgress } from '../worksheets/progress.server.ts'

// "Complete" for the pages and for the dashboard from the same progress rules (ADR 037). The rules
// are TypeScript, so the database cannot evaluate them; it marks a plan's stored completeness
// stale in the transaction of any change to what they read (completion_generations). Pages
// evaluate their own plan; the dashboard first evaluates every stale plan. So the stored counts
// are never behind a committed change when the dashboard reads them, whoever made it.

/** How many plans are evaluated together: two queries to read them, one transaction to store. */
const BATCH = 100

/** Runs the progress rules on some plans and stores what they find (unless a later evaluation already did). */
async function evaluate(db: Executor, planIds: string[]): Promise<Map<string, SubstepProgress[]>> {
  // Read before the rules run: a change committed after this read leaves the plan stale.
  const generations = await SignoffRepository.findContentGenerations(db, planIds)
  const progress = await plansProgress(db, planIds)
  await SignoffRepository.storeEvaluatedCompletions(
    db,
    planIds.map((planId) => ({
      planId,
      generation: generations.get(planId)!,
      complete: progress.get(planId)!.map((p) => ({ substep: p.code, complete: p.status === 'done' })),
    })),
  )
  return progress
}

/** One plan's progress by the rules, stored for the dashboard on the way. */
export async function evaluateCompletion(db: Executor, planId: string): Promise<SubstepProgress[]> {
  return (await evaluate(db, [planId])).get(planId)!
}

/** Evaluates every plan whose stored completeness is behind, a hundred at a time; returns how many. */
export async function refreshStaleCompletion(db: Executor): Promise<number> {
  const stale = await SignoffRepository.findStaleCompletion(db)
  for (let i = 0; i < stale.length; i += BATCH) await evaluate(db, stale.slice(i, i + BATCH))
  return stale.length
}
