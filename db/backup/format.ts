import { z } from 'zod'

// The portal's own backup file (ADR 053): gzip-compressed UTF-8 text, read and written as a stream.
//
//   SCP-PORTAL-BACKUP 1          magic line and format version
//   {"createdAt":…}              the header: one line of JSON (BackupHeader)
//   TABLE users                  then, per table in header order, its rows in COPY text format
//   <one line per row>           (tabs between columns, \N for null, backslash escapes, so a row
//   \.                            never contains a raw newline and never reads as this end mark)
//   END                          after the last table; nothing may follow
//
// `zcat file | less` shows it; only this code reads it back.

export const MAGIC = 'SCP-PORTAL-BACKUP'
export const FORMAT_VERSION = 1
export const TABLE_PREFIX = 'TABLE '
export const TABLE_END = '\\.'
export const FILE_END = 'END'

/** The tables Kysely's Migrator keeps for itself: a restore rebuilds them by running the migrations. */
export const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock']

// Names read from a file end up in SQL (quoted as identifiers, and checked against the schema the
// migrations create); the portal's own names are all lower-case snake case.
const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'not a table, column or sequence name of the portal')

export const headerSchema = z
  .object({
    createdAt: z.string().datetime(),
    /** The server's `server_version`, for the reader; a restore does not depend on it. */
    serverVersion: z.string().max(200),
    /** Every migration the database had applied, by name: the restore rebuilds that schema first. */
    migrations: z.array(z.string().regex(/^[\w-]{1,200}$/)).max(10_000),
    tables: z
      .array(
        z.object({
          name: identifier,
          /** The columns in the order of the rows (generated columns are never copied). */
          columns: z.array(identifier).min(1).max(1_600),
          rows: z.number().int().nonnegative(),
        }),
      )
      .max(10_000),
    /** Each sequence as it stood: a restore carries on from there, not from the highest row. */
    sequences: z
      .array(z.object({ name: identifier, lastValue: z.string().regex(/^-?\d{1,19}$/), isCalled: z.boolean() }))
      .max(10_000),
  })
  .strict()

export type BackupHeader = z.infer<typeof headerSchema>

/**
 * A problem with the request or the data that the person running the command can act on: the
 * command line prints its message alone, without a stack trace, and exits non-zero.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}
