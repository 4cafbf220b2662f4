import pg from 'pg'
import { MIGRATOR_TABLES } from './format.ts'

// What a backup or a restore needs to know about the portal's schema, read from PostgreSQL's
// catalogs. Everything the portal keeps is in schema `public`; Kysely's own bookkeeping tables are
// left out, because a restore recreates them by running the migrations.

export const quote = (name: string) => pg.escapeIdentifier(name)

/** The portal's tables, by name. */
export async function listTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> ALL ($1::text[])
      ORDER BY c.relname COLLATE "C"`,
    [MIGRATOR_TABLES],
  )
  return rows.map((r) => r.name)
}

/** A table's columns in their order, without generated ones (COPY can neither need nor load them). */
export async function listColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attnum`,
    [quote(table)],
  )
  return rows.map((r) => r.name)
}

export async function countRows(client: pg.ClientBase, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)
  return Number(rows[0]!.n)
}

/** The first of the tables that holds a row, if any. */
export async function firstTableWithRows(client: pg.ClientBase, tables: string[]): Promise<string | undefined> {
  for (const table of tables) {
    const { rowCount } = await client.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`)
    if (rowCount) return table
  }
  return undefined
}

export interface SequenceState {
  name: string
  lastValue: string
  isCalled: boolean
  /** The column it numbers (serial or identity), if any: a restore never lets it fall below the rows. */
  owner?: { table: string; column: string }
}

/** Every sequence with its current position (sequences ignore the snapshot: this is at least as far as the rows). */
export async function listSequences(client: pg.ClientBase): Promise<SequenceState[]> {
  const { rows } = await client.query<{ name: string; owner_table: string | null; owner_column: string | null }>(
    `SELECT s.relname AS name, t.relname AS owner_table, a.attname AS owner_column
       FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
       LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
            AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class t ON t.oid = d.refobjid
       LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE n.nspname = 'public' AND s.relkind = 'S'
      ORDER BY s.relname COLLATE "C"`,
  )
  const states: SequenceState[] = []
  for (const row of rows) {
    const position = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${quote(row.name)}`,
    )
    states.push({
      name: row.name,
      lastValue: position.rows[0]!.last_value,
      isCalled: position.rows[0]!.is_called,
      ...(row.owner_table && row.owner_column ? { owner: { table: row.owner_table, column: row.owner_column } } : {}),
    })
  }
  return states
}

/** The migrations the database has applied, by name; undefined when Kysely's table does not exist. */
export async function listAppliedMigrations(client: pg.ClientBase): Promise<string[] | undefined> {
  const { rows: exists } = await client.query<{ found: boolean }>(
    `SELECT to_regclass('public.kysely_migration') IS NOT NULL AS found`,
  )
  if (!exists[0]!.found) return undefined
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM kysely_migration ORDER BY name COLLATE "C"`)
  return rows.map((r) => r.name)
}

/**
 * Drops every object of schema `public` that the migrations create: tables (with their indexes,
 * triggers and owned sequences), views, left-over sequences, functions and types. Objects that
 * belong to an extension (pgcrypto's functions) stay, and so do the schema and its privileges.
 */
export async function dropPortalObjects(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                 WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END AS kind, quote_ident(c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c')
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e')
     UNION ALL
     SELECT 'ROUTINE', p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')
     UNION ALL
     SELECT 'TYPE', t.oid::regtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r')
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = t.oid AND e.deptype = 'e')`,
  )
  // CASCADE and IF EXISTS: dropping a table also drops the sequences and views that depend on it.
  for (const kind of ['VIEW', 'MATERIALIZED VIEW', 'TABLE', 'SEQUENCE', 'ROUTINE', 'TYPE']) {
    const names = rows.filter((r) => r.kind === kind).map((r) => r.name)
    if (names.length) await client.query(`DROP ${kind} IF EXISTS ${names.join(', ')} CASCADE`)
  }
}

/** How many other sessions are connected to this database (a running portal holds several). */
export async function countOtherConnections(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  )
  return Number(rows[0]!.n)
}
