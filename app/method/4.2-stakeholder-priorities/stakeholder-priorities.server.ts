import { data } from '@remix-run/node'
import * as ScoreRepository from '#db/repositories/scores.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan } from '#core/permissions.ts'
import { uuid, z } from '../../utils/validation.ts'
import { readBase } from '../../conflicts/save.server.ts'
import { type SubstepContext } from '../define.server.ts'
import { itemSaveResponse, saveItemOnBase } from '../../worksheets/item-save.server.ts'
import { saveScoresOnBase } from '../../worksheets/score-save.server.ts'
import { aggregateScores } from '../../worksheets/scoring.ts'
import { ALIGNMENT_RANGE, INFLUENCE_RANGE } from '../../worksheets/stakeholderGrid.ts'
import { STAKEHOLDER_CRITERIA, type StakeholderScores } from './worksheet.ts'

/** 4.2: every participant's scores aggregated per criterion (each on its own scale), and the viewer's own. */
export async function loadStakeholderScores({ db, planId, actor }: SubstepContext): Promise<StakeholderScores> {
  const [stakeholders, rows] = await Promise.all([
    ItemRepository.findByKind(db, planId, 'stakeholder'),
    ScoreRepository.findByKind(db, planId, 'stakeholder'),
  ])
  const ids = stakeholders.map((s) => s.id)
  const summary: StakeholderScores['summary'] = Object.fromEntries(ids.map((id) => [id, {}]))
  // Criteria have different scales (alignment −2…+2), so each is aggregated on its own: no mixed mean.
  for (const c of STAKEHOLDER_CRITERIA) {
    for (const s of aggregateScores(ids, rows, [c]))
      summary[s.subjectId]![c.key] = { mean: s.weightedMean, spread: s.spread, byConstituency: s.byConstituency }
  }
  const scorers = Object.fromEntries(
    aggregateScores(ids, rows, STAKEHOLDER_CRITERIA).map((s) => [s.subjectId, s.scorers]),
  )
  const mine: StakeholderScores['mine'] = {}
  for (const r of rows) if (r.scorer_id === actor.id) (mine[r.subject_id] ??= {})[r.criterion] = r.value
  const constituencies = [...new Set(rows.map((r) => r.constituency))].sort()
  return { summary, scorers, mine, constituencies }
}

const scoreValue = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : Number(v)),
    z
      .number()
      .int(`validation.scoreRange|${min}|${max}`)
      .min(min, `validation.scoreRange|${min}|${max}`)
      .max(max, `validation.scoreRange|${min}|${max}`)
      .nullable(),
  )

const scoreHead = z.object({ intent: z.literal('score:save'), id: uuid })
const scoreValues = z.object(Object.fromEntries(STAKEHOLDER_CRITERIA.map((c) => [c.key, scoreValue(c.min, c.max)])))

const placeSchema = z
  .object({
    intent: z.literal('stakeholder:place'),
    id: uuid,
    version: z.coerce.number().int().positive(),
    agreedInfluence: scoreValue(INFLUENCE_RANGE.min, INFLUENCE_RANGE.max),
    agreedAlignment: scoreValue(ALIGNMENT_RANGE.min, ALIGNMENT_RANGE.max),
  })
  .refine((v) => (v.agreedInfluence === null) === (v.agreedAlignment === null), {
    path: ['agreedAlignment'],
    message: 'validation.placementBoth',
  })

type Ctx = SubstepContext & { formData: FormData }

function fail(formId: string, error: Record<string, string[]>, status = 400) {
  return data({ formId, result: { status: 'error' as const, error }, conflict: null }, { status })
}

function fieldErrors(error: z.ZodError) {
  const out: Record<string, string[]> = {}
  for (const issue of error.issues) (out[String(issue.path[0] ?? '')] ??= []).push(issue.message)
  return out
}

/** 4.2 intents: a participant's own scores (`score:save`) and the team's agreed grid placement (`stakeholder:place`). */
export async function handleStakeholderAction(ctx: Ctx) {
  const intent = ctx.formData.get('intent')
  if (intent === 'score:save') return saveScores(ctx)
  if (intent === 'stakeholder:place') return savePlacement(ctx)
  return fail('', { '': ['validation.invalid'] })
}

async function saveScores({ db, planId, actor, role, formData }: Ctx) {
  if (!canOnPlan(actor, role, 'worksheet:score')) throw data({ message: 'Forbidden' }, { status: 403 })
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  const fields = Object.fromEntries(formData)
  const head = scoreHead.safeParse(fields)
  const parsed = scoreValues.safeParse(fields)
  if (!head.success || !parsed.success)
    return fail(formId, {
      ...(head.success ? {} : fieldErrors(head.error)),
      ...(parsed.success ? {} : fieldErrors(parsed.error)),
    })
  const stakeholder = await ItemRepository.findById(db, planId, head.data.id)
  if (!stakeholder || stakeholder.kind !== 'stakeholder') return fail(formId, { '': ['validation.unknownItem'] }, 404)
  const values = Object.fromEntries(STAKEHOLDER_CRITERIA.map((c) => [c.key, parsed.data[c.key] ?? null]))
  // The same participant saving from another tab meanwhile is merged, or shown side by side (ADR 036).
  const outcome = await saveScoresOnBase(db, {
    planId,
    subjectId: stakeholder.id,
    scorerId: actor.id,
    values,
    base: readBase(formData),
  })
  return itemSaveResponse(formId, outcome)
}

async function savePlacement({ db, planId, actor, role, formData }: Ctx) {
  if (!canOnPlan(actor, role, 'worksheet:edit')) throw data({ message: 'Forbidden' }, { status: 403 })
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  const parsed = placeSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return fail(formId, fieldErrors(parsed.error))
  const { id, version, agreedInfluence, agreedAlignment } = parsed.data
  const stakeholder = await ItemRepository.findById(db, planId, id)
  if (!stakeholder || stakeholder.kind !== 'stakeholder') return fail(formId, { '': ['validation.unknownItem'] }, 404)
  // Someone else's edit of the name merges; someone else's placement of the same stakeholder is refused (ADR 036).
  const mine = { agreedInfluence: agreedInfluence ?? undefined, agreedAlignment: agreedAlignment ?? undefined }
  const outcome = await saveItemOnBase(db, {
    planId,
    id,
    kind: 'stakeholder',
    fields: PLACEMENT_FIELDS,
    version,
    base: readBase(formData),
    mine,
    actorId: actor.id,
  })
  return itemSaveResponse(formId, outcome)
}

const PLACEMENT_FIELDS = ['agreedInfluence', 'agreedAlignment'] as const
