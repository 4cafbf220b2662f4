import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as StatisticsRepository from '#db/repositories/inspection-statistics.ts'
import { readTable } from '../uploads/read-table.server.ts'
import {
  FIELD_COLUMNS,
  IMPORT_HEADERS,
  statisticsSchema,
  withDerived,
  type CellError,
  type StatisticsInput,
} from './schema.ts'

const toRow = (v: StatisticsInput) => ({
  countryCode: v.countryCode,
  year: v.year,
  inspectors: v.inspectors ?? null,
  inspectorsWomen: v.inspectorsWomen ?? null,
  inspectorsPer10000: v.inspectorsPer10000 ?? null,
  visits: v.visits ?? null,
  visitsPerInspector: v.visitsPerInspector ?? null,
  registeredWorkplaces: v.registeredWorkplaces ?? null,
  source: v.source ?? null,
})

/** Saves one country-year from the form. */
export async function saveFromForm(db: Db, formData: FormData, actorId: string) {
  const submission = parseWithZod(formData, { schema: statisticsSchema })
  if (submission.status !== 'success')
    return data({ formId: 'save', result: submission.reply(), rowErrors: null }, { status: 400 })
  await StatisticsRepository.upsertMany(db, [toRow(withDerived(submission.value))], actorId)
  return { formId: 'save', result: submission.reply({ resetForm: true }), rowErrors: null }
}

/** Imports a CSV or XLSX file; every row must be valid or nothing is saved. */
export async function importFile(db: Db, file: unknown, actorId: string) {
  const fail = (key: string, rowErrors: { line: number; errors: CellError[] }[] | null = null) =>
    data({ formId: 'import', result: { status: 'error' as const, error: { '': [key] } }, rowErrors }, { status: 400 })
  if (!(file instanceof File)) return fail('monitoring.import.noFile')
  const table = await readTable(file)
  if (!table.ok) return fail(table.error)
  const [header, ...body] = table.table
  const columns = (header ?? []).map((h) => h.trim().toLowerCase())
  if (
    !columns.includes('country') ||
    !columns.includes('year') ||
    columns.some((c) => c !== '' && !(IMPORT_HEADERS as readonly string[]).includes(c))
  )
    return fail('statistics.errors.columns')
  if (body.length === 0) return fail('monitoring.import.empty')
  if (body.length > 2000) return fail('monitoring.import.tooManyRows')
  const cell = (row: string[], name: string) => (row[columns.indexOf(name)] ?? '').trim()
  const numberOrUndefined = (v: string) => (v === '' ? undefined : Number(v.replace(/\s/g, '').replace(',', '.')))
  const rows: StatisticsInput[] = []
  const rowErrors: { line: number; errors: CellError[] }[] = []
  body.forEach((row, i) => {
    const parsed = statisticsSchema.safeParse({
      countryCode: cell(row, 'country').toUpperCase(),
      year: numberOrUndefined(cell(row, 'year')),
      inspectors: numberOrUndefined(cell(row, 'inspectors')),
      inspectorsWomen: numberOrUndefined(cell(row, 'inspectors_women')),
      inspectorsPer10000: numberOrUndefined(cell(row, 'inspectors_per_10000')),
      visits: numberOrUndefined(cell(row, 'visits')),
      visitsPerInspector: numberOrUndefined(cell(row, 'visits_per_inspector')),
      registeredWorkplaces: numberOrUndefined(cell(row, 'registered_workplaces')),
      source: cell(row, 'source') || undefined,
    })
    if (parsed.success) rows.push(withDerived(parsed.data))
    else
      rowErrors.push({
        line: i + 2,
        errors: parsed.error.issues.map((e) => ({
          column: FIELD_COLUMNS[e.path[0] as keyof StatisticsInput] ?? null,
          message: e.message,
        })),
      })
  })
  if (rowErrors.length) return fail('monitoring.import.fixErrors', rowErrors)
  const saved = await StatisticsRepository.upsertMany(db, rows.map(toRow), actorId)
  return { formId: 'import', result: { status: 'success' as const, saved }, rowErrors: null }
}
