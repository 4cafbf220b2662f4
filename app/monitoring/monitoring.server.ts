import { parseWithZod } from '@conform-to/zod'
import {
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan, type Actor, type PlanRole } from '#core/permissions.ts'
import { readFormData } from '../utils/request.server.ts'
import { isStorable, uuid, z } from '../utils/validation.ts'
import { readTable } from '../uploads/read-table.server.ts'
import { MAX_IMPORT_BYTES, toMeasurements, validateTable, type IndicatorRef, type PreviewRow } from './import.server.ts'
import { normalisePeriod, periodEnd } from './periods.ts'
import { MEASUREMENT_LIMIT, unitProblem } from './progress.ts'

/** Everything the monitoring page shows for one plan. */
export async function loadMonitoring(db: Db, planId: string) {
  const [items, measurements] = await Promise.all([
    ItemRepository.findByKinds(db, planId, ['indicator', 'activity', 'intervention', 'risk_note']),
    MeasurementRepository.findByPlan(db, planId),
  ])
  const ofKind = (kind: string) => items.filter((i) => i.kind === kind)
  return {
    indicators: ofKind('indicator'),
    activities: ofKind('activity'),
    interventions: ofKind('intervention'),
    riskNotes: ofKind('risk_note'),
    measurements,
  }
}

function indicatorRefs(indicators: { id: string; ref: string; data: Record<string, unknown> }[]): IndicatorRef[] {
  return indicators.map((i) => ({
    id: i.id,
    ref: i.ref,
    unit: typeof i.data.unit === 'string' ? i.data.unit : 'other',
  }))
}

const addSchema = z.object({
  intent: z.literal('measurement:add'),
  indicatorId: uuid,
  period: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .refine((p) => periodEnd(p) !== null, 'monitoring.errors.period'),
  value: z.number({ invalid_type_error: 'monitoring.errors.notNumber' }).min(-MEASUREMENT_LIMIT).max(MEASUREMENT_LIMIT),
  note: z.string().trim().max(2000).refine(isStorable, 'validation.invalid').optional(),
  evidenceSource: z.string().trim().max(500).refine(isStorable, 'validation.invalid').optional(),
})

const previewRowSchema = z.object({
  line: z.number().int(),
  indicator: z.string().max(20),
  period: z.string().max(20),
  value: z.string().max(40),
  note: z.string().max(2000),
  evidenceSource: z.string().max(500),
  errors: z.array(z.string()),
})

type Ctx = { db: Db; planId: string; actor: Actor; role: PlanRole | null; request: Request }

/** Reads the request body: multipart (file upload, size-capped) or a plain form. */
export async function readMonitoringForm(request: Request): Promise<FormData | 'tooLarge'> {
  if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) return readFormData(request)
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_IMPORT_BYTES * 2) return 'tooLarge'
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return 'tooLarge'
    throw new Response('Malformed multipart body', { status: 400 })
  }
}

/** Handles recording, deleting and importing measurements. */
export async function handleMonitoringAction({ db, planId, actor, role }: Ctx, formData: FormData) {
  if (!canOnPlan(actor, role, 'measurement:record')) throw data({ message: 'Forbidden' }, { status: 403 })
  const intent = formData.get('intent')
  const { indicators } = await loadMonitoring(db, planId)
  const refs = indicatorRefs(indicators)

  if (intent === 'measurement:add') {
    const submission = parseWithZod(formData, { schema: addSchema })
    if (submission.status !== 'success')
      return data(
        { formId: String(formData.get('formId') ?? ''), result: submission.reply(), preview: null },
        { status: 400 },
      )
    const v = submission.value
    const indicator = refs.find((r) => r.id === v.indicatorId)
    const fieldErrors: Record<string, string[]> = {}
    if (!indicator) fieldErrors.indicatorId = ['validation.unknownLink']
    const problem = indicator ? unitProblem(indicator.unit, v.value) : null
    if (problem) fieldErrors.value = [problem]
    if (
      indicator &&
      (await MeasurementRepository.findExistingKeys(db, planId)).has(`${indicator.id}|${normalisePeriod(v.period)}`)
    )
      fieldErrors.period = ['monitoring.errors.alreadyRecorded']
    if (Object.keys(fieldErrors).length)
      return data(
        { formId: String(formData.get('formId') ?? ''), result: submission.reply({ fieldErrors }), preview: null },
        { status: 400 },
      )
    await MeasurementRepository.insertMany(db, {
      planId,
      actorId: actor.id,
      rows: [
        {
          indicatorId: v.indicatorId,
          period: normalisePeriod(v.period),
          periodEnd: periodEnd(v.period)!,
          value: v.value,
          note: v.note ?? null,
          evidenceSource: v.evidenceSource ?? null,
        },
      ],
    })
    return {
      formId: String(formData.get('formId') ?? ''),
      result: submission.reply({ resetForm: true }),
      preview: null,
    }
  }

  if (intent === 'measurement:delete') {
    const id = uuid.safeParse(formData.get('id'))
    if (!id.success)
      return data(
        {
          formId: 'delete',
          result: { status: 'error' as const, error: { '': ['validation.invalid'] } },
          preview: null,
        },
        { status: 400 },
      )
    const deleted = await MeasurementRepository.deleteById(db, { planId, id: id.data, actorId: actor.id })
    return deleted
      ? { formId: 'delete', result: null, preview: null }
      : data(
          {
            formId: 'delete',
            result: { status: 'error' as const, error: { '': ['validation.unknownItem'] } },
            preview: null,
          },
          { status: 404 },
        )
  }

  if (intent === 'import:preview') {
    const file = formData.get('file')
    if (!(file instanceof File)) return importError('monitoring.import.noFile')
    const table = await readTable(file)
    if (!table.ok) return importError(table.error)
    const parsed = validateTable(table.table, refs, await MeasurementRepository.findExistingKeys(db, planId))
    if (!parsed.ok) return importError(parsed.error)
    return { formId: 'import', result: null, preview: { rows: parsed.rows, fileName: file.name.slice(0, 200) } }
  }

  if (intent === 'import:commit') {
    let rows: PreviewRow[]
    try {
      rows = z
        .array(previewRowSchema)
        .max(2000)
        .parse(JSON.parse(String(formData.get('rows') ?? '[]')))
    } catch {
      return importError('monitoring.import.unreadable')
    }
    // Validate again: the data may have changed since the preview, and the client is not trusted.
    const table = [
      ['indicator', 'period', 'value', 'note', 'evidence_source'],
      ...rows.map((r) => [r.indicator, r.period, r.value, r.note, r.evidenceSource]),
    ]
    const parsed = validateTable(table, refs, await MeasurementRepository.findExistingKeys(db, planId))
    if (!parsed.ok) return importError(parsed.error)
    if (parsed.rows.some((r) => r.errors.length))
      return data(
        {
          formId: 'import',
          result: { status: 'error' as const, error: { '': ['monitoring.import.fixErrors'] } },
          preview: { rows: parsed.rows, fileName: '' },
        },
        { status: 400 },
      )
    const count = await MeasurementRepository.insertMany(db, {
      planId,
      actorId: actor.id,
      rows: toMeasurements(parsed.rows, refs),
    })
    return { formId: 'import', result: { status: 'success' as const, imported: count }, preview: null }
  }
  return importError('validation.invalid')
}

function importError(key: string) {
  return data(
    { formId: 'import', result: { status: 'error' as const, error: { '': [key] } }, preview: null },
    { status: 400 },
  )
}
