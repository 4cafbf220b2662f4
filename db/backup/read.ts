import { pipeline, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import {
  BackupError,
  FILE_END,
  FORMAT_VERSION,
  MAGIC,
  TABLE_END,
  TABLE_PREFIX,
  headerSchema,
  type BackupHeader,
} from './format.ts'
import { LineError, LineReader } from './lines.ts'

// Reading a backup file (format.ts) as a stream. Every check that the file can make about itself
// is made here; whether it fits the target database is restore.ts's business.

const MAX_HEADER_BYTES = 16 * 1024 * 1024
/** One row: far above any row the portal writes (a document's snapshot is capped well below it). */
const MAX_ROW_BYTES = 256 * 1024 * 1024
/** Rows are handed to COPY in batches of about this size rather than one write per row. */
const BATCH_BYTES = 1024 * 1024
const NEWLINE = Buffer.from('\n')

/** Decompresses `input`, turning zlib's errors (truncated, not gzip, bad checksum) into one clear message. */
async function* decompressed(input: Readable): AsyncGenerator<Buffer> {
  const gunzip = pipeline(input, createGunzip(), () => {})
  try {
    for await (const chunk of gunzip) yield chunk as Buffer
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new BackupError(
        `The file is not a complete portal backup (gzip: ${(error as Error).message}): it is damaged, was cut short, or is not a backup.`,
      )
    }
    throw error
  }
}

/** Where a table's rows go: COPY ... FROM STDIN text, whole lines, and resolves once they are stored. */
export interface RowSink {
  write(chunk: Buffer): Promise<void>
  end(): Promise<void>
}

export class BackupReader {
  readonly #lines: LineReader

  constructor(input: Readable) {
    this.#lines = new LineReader(decompressed(input))
  }

  /** The magic line and the header; refuses another format or a newer version of this one. */
  async readHeader(): Promise<BackupHeader> {
    const notABackup = new BackupError(`The file is not a portal backup: it does not start with "${MAGIC}".`)
    const first = await this.#lines.next(64).catch((error: unknown) => {
      throw error instanceof LineError ? notABackup : error
    })
    const [magic, version] = (first?.toString('utf8') ?? '').split(' ')
    if (magic !== MAGIC) throw notABackup
    if (version !== String(FORMAT_VERSION)) {
      throw new BackupError(
        `The backup is in format ${version}, and this version of the portal reads format ${FORMAT_VERSION}: restore it with the version that made it, or a later one.`,
      )
    }
    const line = await this.#lines.next(MAX_HEADER_BYTES)
    let json: unknown
    try {
      json = JSON.parse(line?.toString('utf8') ?? '')
    } catch {
      throw new BackupError('The backup file is damaged: its header is not valid JSON.')
    }
    const parsed = headerSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new BackupError(
        `The backup file is damaged: its header is invalid (${issue.path.join('.')}: ${issue.message}).`,
      )
    }
    return parsed.data
  }

  /**
   * Hands the rows of the next table to `sink` in batches, then ends it. The section must be the
   * expected table and hold exactly the rows the header announced.
   */
  async readTableInto(table: BackupHeader['tables'][number], sink: RowSink): Promise<void> {
    const title = await this.#lines.next(1024)
    if (title?.toString('utf8') !== `${TABLE_PREFIX}${table.name}`) {
      throw new BackupError(
        `The backup file is damaged or incomplete: table ${table.name} is missing where the header puts it.`,
      )
    }
    let rows = 0
    let batch: Buffer[] = []
    let size = 0
    for (;;) {
      const row = await this.#lines.next(MAX_ROW_BYTES)
      if (row === undefined) throw new BackupError(`The backup file is incomplete: it ends inside table ${table.name}.`)
      if (row.length === TABLE_END.length && row.toString('utf8') === TABLE_END) break
      rows += 1
      if (rows > table.rows) {
        throw new BackupError(
          `The backup file is damaged: table ${table.name} has more rows than its header says (${table.rows}).`,
        )
      }
      batch.push(row, NEWLINE)
      size += row.length + 1
      if (size >= BATCH_BYTES) {
        await sink.write(Buffer.concat(batch))
        batch = []
        size = 0
      }
    }
    if (rows !== table.rows) {
      throw new BackupError(
        `The backup file is damaged: table ${table.name} has ${rows} rows, its header says ${table.rows}.`,
      )
    }
    if (size > 0) await sink.write(Buffer.concat(batch))
    await sink.end()
  }

  /**
   * The end mark and then the end of the file: only then has gzip checked its checksum and
   * length, so a restore commits nothing before this returns.
   */
  async readEnd(): Promise<void> {
    const end = await this.#lines.next(1024)
    if (end?.toString('utf8') !== FILE_END) {
      throw new BackupError('The backup file is damaged or incomplete: its end mark is missing.')
    }
    if ((await this.#lines.next(1024)) !== undefined) {
      throw new BackupError('The backup file is damaged: something follows its end mark.')
    }
  }
}
