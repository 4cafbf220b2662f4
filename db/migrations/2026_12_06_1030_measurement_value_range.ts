import { sql, type Kysely } from 'kysely'

// Measurements are refused outside ±1e12 by the database as well as by the forms (ADR 033). NOT
// VALID: rows recorded before this migration are kept as people wrote them, never clamped or
// deleted; the dashboard sums in numeric, so even those cannot overflow it. Frozen in time: the
// bound is written here, not imported from the app.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE measurements ADD CONSTRAINT measurements_value_range CHECK (value BETWEEN -1e12 AND 1e12) NOT VALID`.execute(
    db,
  )
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE measurements DROP CONSTRAINT IF EXISTS measurements_value_range`.execute(db)
}
