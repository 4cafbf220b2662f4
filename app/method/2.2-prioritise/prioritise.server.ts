import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import { readBase } from '../../conflicts/save.server.ts'
import { canOnPlan } from '#core/permissions.ts'
import { uuid, z } from '../../utils/validation.ts'
import { type ItemCheck } from '../define.server.ts'
import { type SubstepContext } from '../define.server.ts'
import { itemSaveResponse } from '../../worksheets/item-save.server.ts'
import { saveScoresOnBase } from '../../worksheets/score-save.server.ts'
import { aggregateScores, rank, type Criterion } from '../../worksheets/scoring.ts'
import {
  criterionSpec,
  DEFAULT_CRITERIA,
  SCORE_MAX,
  SCORE_MIN,
  type PrioritisationView,
  type RankedPair,
} from './worksheet.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'

/**
 * The plan's criteria, seeding the method's eight (weight 1) when it has none. Only for actions:
 * plans get their criteria when created (its definition's newPlanItems), and a GET never writes.
 */
async function ensureCriteria(db: Db, planId: string, actorId: string) {
  await ItemRepository.insertDefaultsIfNone(db, {
    planId,
    kind: criterionSpec.kind,
    refPrefix: criterionSpec.refPrefix,
    rows: DEFAULT_CRITERIA.map((criterionKey) => ({ criterionKey, weight: 1 })),
    actorId,
  })
  return ItemRepository.findByKind(db, planId, criterionSpec.kind)
}

function toCriterion(item: WorksheetItemView): Criterion {
  return {
    key: item.id,
    weight: typeof item.data.weight === 'number' ? item.data.weight : 1,
    min: SCORE_MIN,
    max: SCORE_MAX,
  }
}

/** Criteria, the ranked pairs with their spread and means by constituency, the viewer's own scores and the decision. */
export async function loadPrioritisation({ db, planId, actor }: SubstepContext): Promise<PrioritisationView> {
  const [criteria, pairs, rows, decisions] = await Promise.all([
    ItemRepository.findByKind(db, planId, criterionSpec.kind),
    ItemRepository.findByKind(db, planId, 'pair'),
    ScoreRepository.findByKind(db, planId, 'pair'),
    ItemRepository.findByKind(db, planId, 'priority_decision'),
  ])
  const byId = new Map(pairs.map((p) => [p.id, p]))
  const aggregated = rank(
    aggregateScores(
      pairs.map((p) => p.id),
      rows,
      criteria.map(toCriterion),
    ),
  )
  const ranking: RankedPair[] = aggregated.map((s, i) => {
    const pair = byId.get(s.subjectId)!
    return {
      ...s,
      pairId: pair.id,
      ref: pair.ref,
      issueId: String(pair.data.issue),
      targetId: String(pair.data.target),
      rank: s.weightedMean === null ? null : i + 1,
    }
  })
  const myScores: Record<string, Record<string, number>> = {}
  for (const r of rows) if (r.scorer_id === actor.id) (myScores[r.subject_id] ??= {})[r.criterion] = r.value
  const constituencies = [...new Set(rows.map((r) => r.constituency))].sort()
  return { criteria, ranking, myScores, constituencies, decision: decisions[0] ?? null }
}

const scoreHead = z.object({ intent: z.literal('score:save'), pairId: uuid })
const SCORE_FIELD = /^score\.(.+)$/

/** Saves the current participant's scores for one pair (`score.<criterionId>` = 1…5, empty clears), from the scores in `base`. */
export async function handlePrioritisationAction({
  db,
  planId,
  actor,
  role,
  formData,
}: SubstepContext & { formData: FormData }) {
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  const fail = (error: Record<string, string[]>, status = 400) =>
    data({ formId, result: { status: 'error' as const, error }, conflict: null }, { status })
  const head = scoreHead.safeParse({ intent: formData.get('intent'), pairId: formData.get('pairId') })
  if (!head.success) return fail({ '': ['validation.invalid'] })
  if (!canOnPlan(actor, role, 'worksheet:score')) throw data({ message: 'Forbidden' }, { status: 403 })

  const pair = await ItemRepository.findById(db, planId, head.data.pairId)
  if (!pair || pair.kind !== 'pair') return fail({ '': ['validation.unknownItem'] }, 404)
  const criteria = new Set((await ensureCriteria(db, planId, actor.id)).map((c) => c.id))
  const values: Record<string, number | null> = {}
  const errors: Record<string, string[]> = {}
  for (const [key, raw] of formData.entries()) {
    const match = SCORE_FIELD.exec(key)
    if (!match) continue
    const criterion = match[1]!
    if (!criteria.has(criterion)) {
      errors[key] = ['validation.unknownLink']
      continue
    }
    const text = typeof raw === 'string' ? raw.trim() : ''
    if (text === '') {
      values[criterion] = null
      continue
    }
    const value = Number(text)
    if (!/^-?\d+$/.test(text) || value < SCORE_MIN || value > SCORE_MAX)
      errors[key] = [`validation.scoreRange|${SCORE_MIN}|${SCORE_MAX}`]
    else values[criterion] = value
  }
  if (Object.keys(errors).length > 0) return fail(errors)
  if (Object.keys(values).length === 0) return fail({ '': ['validation.invalid'] })
  // The same participant saving from another tab meanwhile is merged, or shown side by side (ADR 036).
  const outcome = await saveScoresOnBase(db, {
    planId,
    subjectId: pair.id,
    scorerId: actor.id,
    values,
    base: readBase(formData),
  })
  return itemSaveResponse(formId, outcome)
}

/** A plan has at most one pair per issue and target. */
export const uniquePairCheck: ItemCheck = async ({ db, planId, id, value }) => {
  const pairs = await ItemRepository.findByKind(db, planId, 'pair')
  const duplicate = pairs.find((p) => p.id !== id && p.data.issue === value.issue && p.data.target === value.target)
  return duplicate ? [{ path: 'target', message: `validation.duplicatePair|${duplicate.ref}` }] : []
}
