import { type LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { csvCell } from '../monitoring/csv.ts'
import { IMPORT_COLUMNS } from '../monitoring/import-columns.ts'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'

/** The measurement import template: the expected columns and one example row per indicator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'plan:read')
  const indicators = await ItemRepository.findByKind(getDb(), plan.id, 'indicator')
  const rows = indicators.map((i) => [i.ref, '', '', '', ''])
  const headers = { 'Cache-Control': 'no-store' }
  if (new URL(request.url).searchParams.get('format') === 'xlsx') {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('measurements')
    sheet.addRow([...IMPORT_COLUMNS])
    sheet.getRow(1).font = { bold: true }
    for (const row of rows) sheet.addRow(row)
    const notes = workbook.addWorksheet('indicators')
    notes.addRow(['indicator', 'name', 'unit'])
    // People's text goes in as string cells in the text format: a name like `=HYPERLINK(…)` stays
    // words, in the file and when someone edits the cell (ADR 033).
    for (const i of indicators) notes.addRow([i.ref, String(i.data.name ?? ''), String(i.data.unit ?? '')])
    for (const column of [1, 2, 3]) notes.getColumn(column).numFmt = '@'
    const buffer = await workbook.xlsx.writeBuffer()
    return new Response(buffer, {
      headers: {
        ...headers,
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="measurements-template.xlsx"',
      },
    })
  }
  const csv = [IMPORT_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n'
  return new Response(`\uFEFF${csv}`, {
    headers: {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="measurements-template.csv"',
    },
  })
}
