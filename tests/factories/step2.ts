// Test helpers for the step 2 worksheets (not shipped: only imported by *.test.ts).
import { createDb, type Db } from '#db/client.ts'
import { addMember, createPlan, createUser } from './index.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import { type Constituency } from '#db/types.ts'
import { type PlanRole } from '#core/permissions.ts'
import { SUBSTEPS } from '#app/method/substeps.server.ts'
import { handleItemAction } from '#app/worksheets/items.server.ts'

// A binding that changes: a worker runs several test files one after another (isolate: false in
// vitest.config.ts) but evaluates this module once, so the file that ends closes its pool and
// leaves a new, not yet connected one for the next file, on that file's clone of the database.
export let db: Db = createDb(process.env.DATABASE_URL!)

/** For a test file's afterAll: closes the pool it used. */
export async function closeStepDb(): Promise<void> {
  const used = db
  db = createDb(process.env.DATABASE_URL!)
  await used.destroy()
}

export function form(values: Record<string, string | string[]>) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) fd.append(k, item)
  return fd
}

export type Unwrapped = {
  status: number
  body: {
    result: { status?: string; error?: Record<string, string[] | null> | null } | null
    conflict: { data: Record<string, unknown>; version: number } | null
  }
}

/** The status and body of an action's return value (a plain object or a `data()` wrapper). */
export function unwrap(value: unknown): Unwrapped {
  if (value && typeof value === 'object' && 'init' in value && 'data' in value) {
    const v = value as { data: Unwrapped['body']; init: { status?: number } | null }
    return { status: v.init?.status ?? 200, body: v.data }
  }
  return { status: 200, body: value as Unwrapped['body'] }
}

export type Participant = Awaited<ReturnType<typeof participant>>

async function participant(planId: string, userId: string, role: PlanRole) {
  const actor = { id: userId, globalRole: 'member' as const }
  const ctx = { db, planId, actor, role }
  return {
    id: userId,
    role,
    ctx,
    item: async (values: Record<string, string | string[]>) =>
      unwrap(await handleItemAction({ ...ctx, formData: form(values) })),
    extra: async (code: '2.2' | '2.3', values: Record<string, string | string[]>) =>
      unwrap(await SUBSTEPS[code].act!({ ...ctx, formData: form(await withScoreBase(db, values, userId)) })),
  }
}

/** A score form as a freshly loaded page posts it: with the scores it showed as its base (ADR 036). */
export async function withScoreBase<T extends Record<string, unknown>>(
  db: Db,
  values: T,
  scorerId: string,
): Promise<T> {
  const subjectId = values.pairId ?? values.id ?? values.subject
  if (values.intent !== 'score:save' || 'base' in values || typeof subjectId !== 'string') return values
  const planId = (
    await db
      .selectFrom('worksheet_items')
      .select('plan_id')
      .where('id', '=', subjectId)
      .executeTakeFirst()
      .catch(() => undefined)
  )?.plan_id
  if (!planId) return values
  const { values: shown } = await ScoreRepository.findForScorer(db, { planId, subjectId, scorerId })
  return { ...values, base: JSON.stringify(shown) }
}

/** A plan with a lead and, on request, more members of given roles and constituencies. */
export async function planWithTeam(members: { role: PlanRole; constituency?: Constituency }[] = []) {
  const leadUser = await createUser(db, { constituency: 'government' })
  const plan = await createPlan(db, leadUser.id)
  const lead = await participant(plan.id, leadUser.id, 'lead')
  const others: Participant[] = []
  for (const m of members) {
    const user = await createUser(db, { constituency: m.constituency ?? 'workers' })
    await addMember(db, plan.id, user.id, m.role, leadUser.id)
    others.push(await participant(plan.id, user.id, m.role))
  }
  return { plan, lead, others }
}
