// Column widths for a Word table, from its content. Equal widths squeeze long text columns into
// a word per line beside a wide "Ref." column, and break short headers mid-word; Word's own
// autofit is not applied by every reader, so the widths are written out.

// Twips per character of 9.5 pt table text (generous for Calibri, so bold headers and wider
// substitute fonts fit too), and the left + right cell margins.
const CHAR = 115
const PADDING = 240
// A word longer than this (a URL, a long compound) may wrap rather than widen its column. Long
// enough for the words of the method's three languages ("Responsabilidades", "Organisation").
const MAX_WORD = 20
const MAX_TYPICAL = 60

function chars(text: string): number {
  return [...text].length
}

// Lines break at spaces and slashes, and after a hyphen or dash ("status-|determination"), in
// Word and in the browser alike: the parts between are what must fit.
function longestWord(text: string): number {
  return Math.max(0, ...text.split(/[\s/]+|(?<=[-–—])/).map(chars))
}

/** Per column, the length in characters of its longest word (capped at MAX_WORD, at least 2). */
export function longestWords(columns: string[], rows: string[][], width: number): number[] {
  return Array.from({ length: width }, (_, i) =>
    Math.min(MAX_WORD, Math.max(2, ...[columns[i] ?? '', ...rows.map((r) => r[i] ?? '')].map(longestWord))),
  )
}

/** Twips a table needs so that no column is narrower than its longest word; `scale`: its type size over 9.5 pt. */
export function minimumWidth(columns: string[], rows: string[][], width: number, scale = 1): number {
  return longestWords(columns, rows, width).reduce((sum, word) => sum + word * CHAR * scale + PADDING, 0)
}

/**
 * Widths in twips summing to `total`: every column first gets room for its longest word (so
 * headers do not break mid-word), then what is left goes to the columns with the longest text.
 */
export function columnWidths(columns: string[], rows: string[][], width: number, total: number, scale = 1): number[] {
  const words = longestWords(columns, rows, width)
  const stats = Array.from({ length: width }, (_, i) => {
    const cells = rows.map((r) => r[i] ?? '')
    const word = words[i]!
    const typical = cells.length ? cells.reduce((sum, c) => sum + chars(c), 0) / cells.length : chars(columns[i] ?? '')
    return { min: Math.round(word * CHAR * scale + PADDING), weight: Math.max(1, Math.min(MAX_TYPICAL, typical)) }
  })
  const floors = fitFloors(
    stats.map((s) => s.min),
    total,
  )
  const minimum = floors.reduce((sum, f) => sum + f, 0)
  const weights = stats.reduce((sum, s) => sum + s.weight, 0)
  const widths = stats.map((s, i) => Math.floor(floors[i]! + ((total - minimum) * s.weight) / weights))
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0)
  return widths
}

/**
 * The floors, lowered only where they must be: when the longest words of all columns do not fit
 * side by side, the widest floors come down to a common cap (so only the longest words wrap)
 * instead of every column shrinking and short words like "Ref." breaking.
 */
function fitFloors(floors: number[], total: number): number[] {
  if (floors.reduce((a, b) => a + b, 0) <= total) return floors
  const sorted = [...floors].sort((a, b) => a - b)
  let rest = total
  for (let i = 0; i < sorted.length; i++) {
    const cap = rest / (sorted.length - i)
    if (sorted[i]! > cap) return floors.map((f) => Math.min(f, Math.floor(cap)))
    rest -= sorted[i]!
  }
  return floors
}
