import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import { StaleRecordError } from '#db/executor.ts'
import * as SelectionRepository from '#db/repositories/intervention-selections.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan } from '#core/permissions.ts'
import { isStorable, uuid, z } from '../../utils/validation.ts'
import { changedFields } from '../../conflicts/merge.ts'
import { conflictResponse, readBase } from '../../conflicts/save.server.ts'
import { type SubstepContext } from '../define.server.ts'
import { itemSaveResponse, saveItemOnBase } from '../../worksheets/item-save.server.ts'
import { saveScoresOnBase } from '../../worksheets/score-save.server.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { aggregateScores, rank } from '../../worksheets/scoring.ts'
import { loadSelections } from './selections.server.ts'
import { INTERVENTION_CRITERIA, SELECTION_DECISIONS, type SelectionDecision } from './worksheet.ts'

/** 5.2: the ranking with each participant's scores, my own scores and the decisions. */
export async function loadInterventionPriorities({ db, planId, actor }: SubstepContext) {
  const [interventions, rows, selections] = await Promise.all([
    ItemRepository.findByKind(db, planId, 'intervention'),
    ScoreRepository.findByKind(db, planId, 'intervention'),
    loadSelections(db, planId),
  ])
  const ranking = rank(
    aggregateScores(
      interventions.map((i) => i.id),
      rows,
      INTERVENTION_CRITERIA,
    ),
  )
  const mine: Record<string, Record<string, number>> = {}
  const scorers: Record<
    string,
    { name: string; organisation: string | null; constituency: string; values: Record<string, Record<string, number>> }
  > = {}
  for (const r of rows) {
    if (r.scorer_id === actor.id) (mine[r.subject_id] ??= {})[r.criterion] = r.value
    const s = (scorers[r.scorer_id] ??= {
      name: r.scorer_name,
      organisation: r.scorer_organisation,
      constituency: r.constituency,
      values: {},
    })
    ;(s.values[r.subject_id] ??= {})[r.criterion] = r.value
  }
  return { criteria: INTERVENTION_CRITERIA, ranking, mine, scorers: Object.values(scorers), selections }
}

const score = z.number({ invalid_type_error: 'validation.number' }).int('validation.integer').min(1).max(5).optional()
const scoreSchema = z.object({
  intent: z.literal('score:save'),
  subject: uuid,
  ...Object.fromEntries(INTERVENTION_CRITERIA.map((c) => [c.key, score])),
})
const selectionSchema = z.object({
  intent: z.literal('selection:save'),
  intervention: uuid,
  version: z.number().int().positive().optional(),
  decision: z.enum(SELECTION_DECISIONS),
  rationale: z.string().trim().min(1).max(3000).refine(isStorable, 'validation.invalid'),
})

const invalid = (formId: string, error: Record<string, string[]>, status = 400) =>
  data({ formId, result: { status: 'error' as const, error }, conflict: null }, { status })

/** 5.2 intents: `score:save` (any scorer, own scores only) and `selection:save` (lead and co-authors). */
export async function handleInterventionPriorities({
  db,
  planId,
  actor,
  role,
  formData,
}: SubstepContext & { formData: FormData }) {
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  const intent = formData.get('intent')
  if (intent === 'score:save') {
    if (!canOnPlan(actor, role, 'worksheet:score')) throw data({ message: 'Forbidden' }, { status: 403 })
    const submission = parseWithZod(formData, { schema: scoreSchema })
    if (submission.status !== 'success')
      return data({ formId, result: submission.reply(), conflict: null }, { status: 400 })
    const subject = await ItemRepository.findById(db, planId, submission.value.subject)
    if (!subject || subject.kind !== 'intervention') return invalid(formId, { subject: ['validation.unknownLink'] })
    const values = Object.fromEntries(
      INTERVENTION_CRITERIA.map((c) => [c.key, (submission.value as Record<string, unknown>)[c.key] ?? null]),
    ) as Record<string, number | null>
    // The same participant saving from another tab meanwhile is merged, or shown side by side (ADR 036).
    const outcome = await saveScoresOnBase(db, {
      planId,
      subjectId: subject.id,
      scorerId: actor.id,
      values,
      base: readBase(formData),
    })
    return itemSaveResponse(formId, outcome, submission.reply(), submission.reply({ formErrors: ['conflict.stale'] }))
  }
  if (intent === 'selection:save') {
    if (!canOnPlan(actor, role, 'worksheet:edit')) throw data({ message: 'Forbidden' }, { status: 403 })
    const submission = parseWithZod(formData, { schema: selectionSchema })
    if (submission.status !== 'success')
      return data({ formId, result: submission.reply(), conflict: null }, { status: 400 })
    const { intervention, version, decision, rationale } = submission.value
    const subject = await ItemRepository.findById(db, planId, intervention)
    if (!subject || subject.kind !== 'intervention')
      return invalid(formId, { intervention: ['validation.unknownLink'] })
    const mine = { decision, rationale }
    const stale = submission.reply({ formErrors: ['conflict.stale'] })
    if (version === undefined)
      return saveFirstDecision(db, {
        planId,
        intervention,
        mine,
        actorId: actor.id,
        formId,
        reply: submission.reply(),
        stale,
      })
    // A decision already recorded: merged like any other record (ADR 036).
    const current = (await SelectionRepository.findByPlan(db, planId)).get(intervention)
    if (!current) return invalid(formId, { '': ['validation.unknownItem'] }, 404)
    const outcome = await saveItemOnBase(db, {
      planId,
      id: current.id,
      kind: current.kind,
      fields: SELECTION_FIELDS,
      version,
      base: readBase(formData),
      mine,
      actorId: actor.id,
    })
    return itemSaveResponse(formId, outcome, submission.reply(), stale)
  }
  return invalid(formId, { '': ['validation.invalid'] })
}

const SELECTION_FIELDS = ['decision', 'rationale'] as const

// The first decision on an intervention: if someone recorded one meanwhile, both are shown to choose from.
async function saveFirstDecision(
  db: Db,
  input: {
    planId: string
    intervention: string
    mine: { decision: SelectionDecision; rationale: string }
    actorId: string
    formId: string
    reply: unknown
    stale: unknown
  },
) {
  try {
    await SelectionRepository.save(db, {
      planId: input.planId,
      interventionId: input.intervention,
      expectedVersion: null,
      data: input.mine,
      actorId: input.actorId,
    })
    return { formId: input.formId, result: input.reply, conflict: null }
  } catch (error) {
    if (!(error instanceof StaleRecordError)) throw error
    const current = error.current as WorksheetItemView
    const fields = changedFields(SELECTION_FIELDS, input.mine, current.data)
    return conflictResponse(
      input.formId,
      {
        id: current.id,
        version: current.version,
        data: current.data,
        fields,
        merged: input.mine,
        by: current.updated_by_name ?? null,
      },
      input.stale,
    )
  }
}
