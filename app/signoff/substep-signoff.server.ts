import { type SubstepProgress } from '../worksheets/progress.server.ts'
import { type Db } from '#db/client.ts'
import { signoffConstituency, type PlanRole } from '../utils/permissions.ts'
import { toActor } from '../utils/plan-access.server.ts'
import { type SessionUser } from '../utils/session.server.ts'
import { type SubstepCode } from '../utils/substeps.ts'
import { loadPlanSignoff } from './signoff.server.ts'

/** What the sign-off panel of one sub-step shows, and for which constituency the viewer may sign. */
export async function loadSubstepSignoff(db: Db, input: { planId: string; code: SubstepCode; progress: SubstepProgress[]; user: SessionUser; role: PlanRole | null }) {
  const signoff = await loadPlanSignoff(db, input.planId, input.progress)
  const state = signoff.substeps.find((s) => s.code === input.code)!
  const rows = signoff.rows.filter((r) => r.substep === input.code)
  const constituencies = [...state.signed, ...state.awaiting].sort()
  return {
    agreement: state.agreement,
    complete: state.complete,
    counts: signoff.counts,
    entries: ['government', 'workers', 'employers']
      .filter((c) => constituencies.includes(c as never))
      .map((constituency) => {
        const r = rows.find((row) => row.constituency === constituency)
        return {
          constituency,
          signoff: r
            ? { decision: r.decision, reason: r.reason, name: r.user_name, organisation: r.organisation_acronym ?? r.organisation_name, signedAt: new Date(r.signed_at).toISOString(), staleAt: r.stale_at ? new Date(r.stale_at).toISOString() : null }
            : null,
        }
      }),
    mine: signoffConstituency(toActor(input.user), input.role, input.user.constituency),
  }
}

export type SubstepSignoff = Awaited<ReturnType<typeof loadSubstepSignoff>>
