import { type Executor } from '#db/executor.ts'
import * as SignoffRepository from '#db/repositories/signoffs.ts'
import { planProgress, type SubstepProgress } from '../worksheets/progress.server.ts'

// "Complete" for the pages and for the dashboard from the same progress rules (ADR 037). The rules
// are TypeScript, so the database cannot evaluate them; it marks a plan's stored completeness
// stale in the transaction of any change to what they read (completion_generations). Pages
// evaluate their own plan; the dashboard first evaluates every stale plan. So the stored counts
// are never behind a committed change when the dashboard reads them, whoever made it.

/** Runs the progress rules on a plan and stores what they find (unless a later evaluation already did). */
export async function evaluateCompletion(db: Executor, planId: string): Promise<SubstepProgress[]> {
  // Read before the rules run: a change committed after this read leaves the plan stale.
  const { content } = await SignoffRepository.findCompletionGeneration(db, planId)
  const progress = await planProgress(db, planId)
  await SignoffRepository.storeEvaluatedCompletion(db, planId, progress.map((p) => ({ substep: p.code, complete: p.status === 'done' })), content)
  return progress
}

/** Evaluates every plan whose stored completeness is behind, a few at a time; returns how many. */
export async function refreshStaleCompletion(db: Executor, { concurrency = 4 } = {}): Promise<number> {
  const stale = await SignoffRepository.findStaleCompletion(db)
  let next = 0
  const worker = async () => {
    while (next < stale.length) await evaluateCompletion(db, stale[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, stale.length) }, worker))
  return stale.length
}
