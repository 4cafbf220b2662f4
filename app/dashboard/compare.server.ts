import { type Db } from '#db/client.ts'
import * as ComparisonRepository from '#db/repositories/plan-comparison.ts'
import { type Actor, canOnPlan } from '#core/permissions.ts'
import { indicatorProgress, type IndicatorDefinition } from '../monitoring/progress.ts'
import { refreshStaleCompletion } from '../signoff/completion.server.ts'
import { loadSignoffCounts } from '../signoff/signoff.server.ts'
import { z } from '../utils/validation.ts'
import { COMPARE_MAX, COMPARE_MIN, type ComparedIndicator } from './compare.ts'

// Ids come from the dashboard's checkboxes, or from a link someone shared: anything may arrive.
// More than a page of values is refused before any is parsed.
const RAW_LIMIT = 50
export const compareSchema = z
  .array(z.string().uuid('dashboard.compare.invalid'))
  .max(RAW_LIMIT)
  .transform((ids) => [...new Set(ids)])
  .pipe(z.array(z.string()).min(COMPARE_MIN, 'dashboard.compare.tooFew').max(COMPARE_MAX, 'dashboard.compare.tooMany'))

/** The plan ids of a comparison URL, or the translation key of what is wrong with them. */
export function parseComparedIds(params: URLSearchParams): { ids: string[] } | { problem: string } {
  const raw = params.getAll('plan')
  if (raw.length > RAW_LIMIT) return { problem: 'dashboard.compare.tooMany' }
  const parsed = compareSchema.safeParse(raw)
  return parsed.success
    ? { ids: parsed.data }
    : { problem: parsed.error.issues[0]?.message ?? 'dashboard.compare.invalid' }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * The plans side by side, in the order asked, each only if the viewer may read it; a plan they
 * may not read is reported like one that does not exist, so an id reveals nothing.
 */
export async function loadComparison(db: Db, actor: Actor, ids: string[]) {
  const roles = await ComparisonRepository.findRoles(db, ids, actor.id)
  const readable = ids.filter((id) => canOnPlan(actor, roles.get(id) ?? null, 'plan:read'))
  await refreshStaleCompletion(db)
  const [plans, interventions, indicators, signoff] = await Promise.all([
    ComparisonRepository.findPlans(db, readable),
    ComparisonRepository.findInterventions(db, readable),
    ComparisonRepository.findIndicators(db, readable),
    loadSignoffCounts(db, readable),
  ])
  const byId = new Map(plans.map((p) => [p.id, p]))
  const found = readable.filter((id) => byId.has(id))
  return {
    missing: ids.length - found.length,
    plans: found.map((id) => {
      const p = byId.get(id)!
      const counts = signoff.get(id)
      return {
        id,
        title: p.title,
        countryCode: p.country_code,
        status: p.status,
        startDate: p.start_date,
        endDate: p.end_date,
        issueTitle: p.issue_title,
        issueType: p.issue_type,
        targetName: p.target_name,
        substepsComplete: counts?.complete ?? 0,
        substepsAgreed: counts?.agreed ?? 0,
        interventions: interventions
          .filter((v) => v.plan_id === id)
          .map((v) => ({ id: v.id, ref: v.ref, title: v.title, decision: v.decision })),
        indicators: indicators
          .filter((i) => i.plan_id === id)
          .map((i): ComparedIndicator => {
            const definition: IndicatorDefinition = {
              unit: str(i.data.unit) ?? '',
              baselineValue: num(i.data.baselineValue),
              baselineDate: str(i.data.baselineDate),
              targetValue: num(i.data.targetValue),
              targetDate: str(i.data.targetDate),
            }
            const progress = indicatorProgress(definition, i.measurements)
            return {
              id: i.id,
              ref: i.ref,
              name: str(i.data.name) ?? i.ref,
              indicatorType: str(i.data.indicatorType) ?? null,
              definition,
              measurements: i.measurements,
              latest: progress.latest?.value ?? null,
              status: progress.status,
            }
          }),
      }
    }),
  }
}
