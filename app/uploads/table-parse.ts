import { createRequire } from 'node:module'
import { Readable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { parseCsv } from '../monitoring/csv.ts'
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_UNPACKED_BYTES } from './limits.ts'
import { checkZip } from './zip-budget.ts'

// Reads an uploaded table as text cells, within the limits of limits.ts. Runs in the parsing
// worker (table-worker.ts); it is also safe to call directly, since it stops at the same limits.

export type TableFormat = 'csv' | 'xlsx'
export type TableError = 'unreadable' | 'tooLargeUnpacked' | 'tooManyRows' | 'tooManyColumns'
export type TableResult = { ok: true; table: string[][] } | { ok: false; error: TableError }

/** `maxRows` counts data rows; the header is the first row. */
export async function parseTable(bytes: Buffer, format: TableFormat, maxRows = MAX_TABLE_ROWS): Promise<TableResult> {
  try {
    return format === 'csv' ? parseCsvTable(bytes, maxRows) : await parseXlsxTable(bytes, maxRows)
  } catch {
    return { ok: false, error: 'unreadable' }
  }
}

function parseCsvTable(bytes: Buffer, maxRows: number): TableResult {
  // Text is at most the upload limit (2 MiB); the row count is checked while reading.
  if (bytes.length > MAX_UNPACKED_BYTES) return { ok: false, error: 'tooLargeUnpacked' }
  const rows = parseCsv(new TextDecoder().decode(bytes), maxRows + 2)
  if (rows.length > maxRows + 1) return { ok: false, error: 'tooManyRows' }
  if (rows.some((r) => r.length > MAX_TABLE_COLUMNS)) return { ok: false, error: 'tooManyColumns' }
  return { ok: true, table: rows }
}

// Only exceljs's streaming reader (the class behind ExcelJS.stream.xlsx.WorkbookReader), loaded
// when a workbook arrives: the whole library takes three times as long to load, on every upload,
// since each upload gets a fresh worker.
const loadWorkbookReader = () =>
  createRequire(import.meta.url)(
    'exceljs/lib/stream/xlsx/workbook-reader.js',
  ) as typeof ExcelJS.stream.xlsx.WorkbookReader

async function parseXlsxTable(bytes: Buffer, maxRows: number): Promise<TableResult> {
  const zip = checkZip(bytes)
  if (!zip.ok) return zip
  const WorkbookReader = loadWorkbookReader()
  // Streamed row by row: only the first worksheet is read, and reading stops at the first row past the limit.
  const reader = new WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  const table: string[][] = []
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.cellCount > MAX_TABLE_COLUMNS) return { ok: false, error: 'tooManyColumns' }
      const cells: string[] = []
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value))
      if (cells.every((cell) => cell.trim() === '')) continue
      table.push(cells)
      if (table.length > maxRows + 1) return { ok: false, error: 'tooManyRows' }
    }
    break
  }
  return { ok: true, table }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    return ''
  }
  return String(value)
}
