import { sql, type Kysely } from 'kysely'

// The dashboard reads each indicator's latest measurement and each plan's latest activity.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX measurements_indicator_latest ON measurements (indicator_id, period_end DESC)`.execute(db)
  await sql`CREATE INDEX worksheet_items_kind_plan ON worksheet_items (kind, plan_id)`.execute(db)
  await sql`CREATE INDEX plans_status ON plans (status)`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS measurements_indicator_latest`.execute(db)
  await sql`DROP INDEX IF EXISTS worksheet_items_kind_plan`.execute(db)
  await sql`DROP INDEX IF EXISTS plans_status`.execute(db)
}
