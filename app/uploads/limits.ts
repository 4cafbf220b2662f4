// The limits every uploaded table (measurement and statistics imports) is read within (ADR 033).
// They are far above what a real import needs (a few hundred rows, a few columns, well under 1 MB
// unpacked) and far below what would slow the portal down.

/** The uploaded file as sent (an XLSX is compressed). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024
/** Every entry of an XLSX unpacked, counted while inflating: a "zip bomb" stops here. */
export const MAX_UNPACKED_BYTES = 16 * 1024 * 1024
/** Files inside an XLSX (a workbook from Excel has about a dozen). */
export const MAX_ZIP_ENTRIES = 200
/** Data rows, not counting the header; reading stops at the first row past it. */
export const MAX_TABLE_ROWS = 2000
/** Columns of any row (the imports have 5 and 9). */
export const MAX_TABLE_COLUMNS = 30
/** The parsing worker's V8 heap (old and young generation), in MiB. */
export const PARSE_HEAP_MB = 128
export const PARSE_YOUNG_HEAP_MB = 16
/** Wall-clock time a parsing worker may take, start-up included, before it is terminated. */
export const PARSE_TIME_LIMIT_MS = 30_000
/** Parsing workers running at once; more uploads at the same moment are asked to retry. */
export const MAX_PARSE_WORKERS = 2
