import { sql, type Kysely } from 'kysely'

// Live structured data: every change to a plan's worksheet records, scores, comments, team or
// details notifies `scp_plan_changes` with the plan id; the web process LISTENs and tells the open
// pages of that plan to reload their data. PostgreSQL folds identical notifications of one
// transaction into one, so a multi-row change is a single event.
const TABLES = ['worksheet_items', 'scores', 'comments', 'plan_members'] as const

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION scp_notify_plan_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      plan uuid;
    BEGIN
      IF TG_TABLE_NAME = 'plans' THEN
        plan := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
      ELSE
        plan := CASE WHEN TG_OP = 'DELETE' THEN OLD.plan_id ELSE NEW.plan_id END;
        IF TG_OP = 'UPDATE' AND OLD.plan_id IS DISTINCT FROM NEW.plan_id THEN
          PERFORM pg_notify('scp_plan_changes', OLD.plan_id::text);
        END IF;
      END IF;
      PERFORM pg_notify('scp_plan_changes', plan::text);
      RETURN NULL;
    END $$`.execute(db)
  for (const table of [...TABLES, 'plans']) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_plan_change`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION scp_notify_plan_change()`.execute(db)
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...TABLES, 'plans']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_plan_change`)} ON ${sql.table(table)}`.execute(db)
  }
  await sql`DROP FUNCTION IF EXISTS scp_notify_plan_change()`.execute(db)
}
