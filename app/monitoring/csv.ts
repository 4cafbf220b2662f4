// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF, a BOM, and the semicolon that
// spreadsheet programs in French- and Spanish-speaking countries write instead of the comma.

/** Reads CSV text into rows; blank rows are skipped and reading stops once `stopAfter` rows are read. */
export function parseCsv(text: string, stopAfter = Infinity): string[][] {
  const input = text.replace(/^\uFEFF/, '')
  const firstLine = input.slice(0, input.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endRow = () => {
    row.push(field)
    if (row.some((cell) => cell.trim() !== '')) rows.push(row)
    row = []
    field = ''
  }
  for (let i = 0; i < input.length && rows.length < stopAfter; i++) {
    const c = input[i]!
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === delimiter) {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++
      endRow()
    } else field += c
  }
  if ((field !== '' || row.length > 0) && rows.length < stopAfter) endRow()
  return rows
}

// A spreadsheet opening a CSV runs a cell that starts with one of these as a formula (tab and CR
// too, which some programs strip before looking), so `=HYPERLINK(…)` in a plan title would become a
// live link that leaks the neighbouring cells. ADR 033.
const FORMULA_START = /^[=+\-@\t\r]/
// A plain number written as text ("-3", "+4.5", "-1e3") is read as a number, never as a formula.
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** A cell value a spreadsheet will show as text: a leading apostrophe disarms a would-be formula. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

/** Quotes a value for CSV output; text that a spreadsheet would run as a formula is neutralised. */
export function csvCell(value: unknown): string {
  const s =
    value === null || value === undefined
      ? ''
      : typeof value === 'number'
        ? String(value)
        : neutraliseFormula(String(value))
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
