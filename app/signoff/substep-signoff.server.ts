import { type SubstepProgress } from '../worksheets/progress.server.ts'
import { type Db } from '#db/client.ts'
import { signoffConstituency, type PlanRole } from '#core/permissions.ts'
import { toActor } from '../utils/plan-access.server.ts'
import { type SessionUser } from '../utils/session.server.ts'
import { type SubstepCode } from '#core/substeps.ts'
import { signoffEntries } from './entries.ts'
import { loadPlanSignoff } from './signoff.server.ts'

/** What the sign-off panel of one sub-step shows, and for which constituency the viewer may sign. */
export async function loadSubstepSignoff(
  db: Db,
  input: { planId: string; code: SubstepCode; progress: SubstepProgress[]; user: SessionUser; role: PlanRole | null },
) {
  const signoff = await loadPlanSignoff(db, input.planId, input.progress)
  const state = signoff.substeps.find((s) => s.code === input.code)!
  return {
    agreement: state.agreement,
    complete: state.complete,
    counts: signoff.counts,
    entries: signoffEntries(state, signoff.rows),
    mine: signoffConstituency(toActor(input.user), input.role, input.user.constituency),
  }
}

export type SubstepSignoff = Awaited<ReturnType<typeof loadSubstepSignoff>>
