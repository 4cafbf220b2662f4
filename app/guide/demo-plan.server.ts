import { DEMO_PLAN_TITLE } from '#core/demo.ts'
import { type Db } from '#db/client.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { type SessionUser } from '../utils/session.server.ts'

/** The demo plan's id when this person may read it; null otherwise (signed out, or not on it). */
export async function readableDemoPlanId(db: Db, user: SessionUser | null): Promise<string | null> {
  if (!user) return null
  // findVisible applies the same read rule as the plan pages: members, ILO reviewers, administrators.
  const plans = await PlanRepository.findVisible(
    db,
    { id: user.id, globalRole: user.global_role },
    { q: DEMO_PLAN_TITLE },
  )
  return plans.find((p) => p.title === DEMO_PLAN_TITLE)?.id ?? null
}
