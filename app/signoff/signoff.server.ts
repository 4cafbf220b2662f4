import { type Db } from '#db/client.ts'
import * as SignoffRepository from '#db/repositories/signoffs.ts'
import { type Executor } from '#db/executor.ts'
import { type SignoffRecord } from '#db/types.ts'
import { type SubstepProgress } from '../worksheets/progress.server.ts'
import { evaluateCompletion } from './completion.server.ts'
import { summariseSignoff, type SignoffCounts, type SubstepSignoffState } from './summary.ts'

// Reads what summariseSignoff needs. A plan's own pages and exports run the progress rules live
// (evaluateCompletion, which stores what they find); the dashboard reads the stored completeness of
// many plans at once, after evaluating every plan a change has left stale; see ADR 037.

export type SignoffRow = Awaited<ReturnType<typeof SignoffRepository.findByPlans>>[number]

export interface PlanSignoff {
  substeps: SubstepSignoffState[]
  counts: SignoffCounts
  /** Who signed off each sub-step, for display. */
  rows: SignoffRow[]
}

const grouped = (rows: SignoffRow[]) => {
  const bySubstep: Record<string, { constituency: string; decision: 'agree' | 'reserve'; stale: boolean }[]> = {}
  for (const r of rows)
    (bySubstep[r.substep] ??= []).push({
      constituency: r.constituency,
      decision: r.decision,
      stale: r.stale_at !== null,
    })
  return bySubstep
}

/** A plan's sign-off state from its live progress (evaluated and stored here unless given by evaluateCompletion). */
export async function loadPlanSignoff(db: Db, planId: string, progress?: SubstepProgress[]): Promise<PlanSignoff> {
  const live = progress ?? (await evaluateCompletion(db, planId))
  const [rows, teams] = await Promise.all([
    SignoffRepository.findByPlans(db, [planId]),
    SignoffRepository.findTeamConstituencies(db, [planId]),
  ])
  const { substeps, counts } = summariseSignoff({
    complete: live.filter((p) => p.status === 'done').map((p) => p.code),
    signoffs: grouped(rows),
    constituencies: teams.get(planId) ?? [],
  })
  return { substeps, counts, rows }
}

/**
 * The counts of many plans at once from their stored completeness (the dashboard and its CSV); the
 * caller evaluates stale plans first (refreshStaleCompletion).
 */
export async function loadSignoffCounts(db: Executor, planIds: string[]): Promise<Map<string, SignoffCounts>> {
  const [completion, rows, teams] = await Promise.all([
    SignoffRepository.findCompletion(db, planIds),
    SignoffRepository.findByPlans(db, planIds),
    SignoffRepository.findTeamConstituencies(db, planIds),
  ])
  const rowsByPlan = new Map<string, SignoffRow[]>()
  for (const r of rows) rowsByPlan.set(r.plan_id, [...(rowsByPlan.get(r.plan_id) ?? []), r])
  return new Map(
    planIds.map((id) => [
      id,
      summariseSignoff({
        complete: completion.get(id) ?? [],
        signoffs: grouped(rowsByPlan.get(id) ?? []),
        constituencies: teams.get(id) ?? [],
      }).counts,
    ]),
  )
}

/**
 * An approved version's sign-off state from what it froze (ADR 037), by the same rule as the live
 * plan's; null for versions approved before sign-offs were kept with them.
 */
export function frozenSignoff(planId: string, record: SignoffRecord | undefined): PlanSignoff | null {
  if (!record) return null
  const rows: SignoffRow[] = record.signoffs.map((r) => ({
    plan_id: planId,
    substep: r.substep,
    constituency: r.constituency,
    decision: r.decision,
    reason: r.reason,
    signed_at: new Date(r.signedAt),
    stale_at: r.staleAt ? new Date(r.staleAt) : null,
    user_name: r.userName,
    organisation_name: r.organisationName,
    organisation_acronym: r.organisationAcronym,
  }))
  const { substeps, counts } = summariseSignoff({
    complete: record.complete,
    signoffs: grouped(rows),
    constituencies: record.constituencies,
  })
  return { substeps, counts, rows }
}
