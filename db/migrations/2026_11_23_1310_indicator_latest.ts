import { sql, type Kysely } from 'kysely'

// Each indicator's latest measurement, kept by statement-level triggers, so the cross-country
// dashboard reads one row per indicator instead of searching millions of measurements.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE indicator_latest (
      indicator_id uuid PRIMARY KEY REFERENCES worksheet_items(id) ON DELETE CASCADE,
      plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      period text NOT NULL,
      period_end date NOT NULL,
      value double precision NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX indicator_latest_plan ON indicator_latest (plan_id)`.execute(db)
  await sql`
    CREATE FUNCTION indicator_latest_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM indicator_latest WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM changed);
      INSERT INTO indicator_latest (indicator_id, plan_id, period, period_end, value)
      SELECT DISTINCT ON (m.indicator_id) m.indicator_id, m.plan_id, m.period, m.period_end, m.value
      FROM measurements m
      WHERE m.indicator_id IN (SELECT DISTINCT indicator_id FROM changed)
      ORDER BY m.indicator_id, m.period_end DESC, m.created_at DESC;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER measurements_latest_insert AFTER INSERT ON measurements REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION indicator_latest_refresh()`.execute(
    db,
  )
  await sql`CREATE TRIGGER measurements_latest_delete AFTER DELETE ON measurements REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION indicator_latest_refresh()`.execute(
    db,
  )
  await sql`CREATE TRIGGER measurements_latest_update AFTER UPDATE ON measurements REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION indicator_latest_refresh()`.execute(
    db,
  )
  await sql`
    INSERT INTO indicator_latest (indicator_id, plan_id, period, period_end, value)
    SELECT DISTINCT ON (indicator_id) indicator_id, plan_id, period, period_end, value FROM measurements ORDER BY indicator_id, period_end DESC, created_at DESC`.execute(
    db,
  )
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['measurements_latest_insert', 'measurements_latest_delete', 'measurements_latest_update'])
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)} ON measurements`.execute(db)
  await sql`DROP FUNCTION IF EXISTS indicator_latest_refresh()`.execute(db)
  await sql`DROP TABLE IF EXISTS indicator_latest`.execute(db)
}
