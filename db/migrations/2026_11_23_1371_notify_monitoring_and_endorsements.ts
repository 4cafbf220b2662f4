import { sql, type Kysely } from 'kysely'

// Measurements, endorsements and approved versions notify `scp_plan_changes` too (status changes
// already do, through the plans trigger), so the monitoring, overview and review pages of other
// viewers reload. Statement-level: an import of thousands of measurements sends one notification
// per plan, not one per row.
const TABLES = ['measurements', 'plan_endorsements', 'plan_versions'] as const

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION scp_notify_plan_change_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('scp_plan_changes', plan_id::text) FROM (SELECT DISTINCT plan_id FROM old_rows) x;
      ELSE
        PERFORM pg_notify('scp_plan_changes', plan_id::text) FROM (SELECT DISTINCT plan_id FROM new_rows) x;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  for (const table of TABLES) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_notify_insert`)} AFTER INSERT ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_notify_plan_change_rows()`.execute(
      db,
    )
    await sql`CREATE TRIGGER ${sql.raw(`${table}_notify_update`)} AFTER UPDATE ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_notify_plan_change_rows()`.execute(
      db,
    )
    await sql`CREATE TRIGGER ${sql.raw(`${table}_notify_delete`)} AFTER DELETE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_notify_plan_change_rows()`.execute(
      db,
    )
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    for (const op of ['insert', 'update', 'delete'])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_notify_${op}`)} ON ${sql.table(table)}`.execute(db)
  }
  await sql`DROP FUNCTION IF EXISTS scp_notify_plan_change_rows()`.execute(db)
}
