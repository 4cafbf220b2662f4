import { sql, type Kysely } from 'kysely'

// The dashboard's compliance trend (issue 13) reads one row per plan and month instead of every
// measurement: across 5,000 plans the trend from measurements took 5–14 s, from these rows
// milliseconds. Kept like plan_summaries (ADR 024): statement-level triggers on measurements and on
// indicator items recompute the touched plans' rows in the same transaction as the write.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>) {
  await sql`
    CREATE TABLE plan_compliance_months (
      plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
      month date NOT NULL,
      change_sum numeric NOT NULL,
      measurements integer NOT NULL,
      indicators integer NOT NULL,
      PRIMARY KEY (plan_id, month)
    )`.execute(db)

  // A whole recompute per plan, not deltas (it cannot drift). Transactions refreshing the same plan
  // take its lock in plan order, so the second one's delete sees the first one's committed rows.
  await sql`
    CREATE FUNCTION scp_refresh_compliance_months(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtextextended('plan_compliance_months:' || id::text, 0))
      FROM unnest(ids) AS id ORDER BY id;
      DELETE FROM plan_compliance_months WHERE plan_id = ANY(ids);
      INSERT INTO plan_compliance_months (plan_id, month, change_sum, measurements, indicators)
      SELECT i.plan_id, date_trunc('month', m.period_end)::date,
        sum((m.value - (i.data->>'baselineValue')::float8)::numeric), count(*), count(DISTINCT i.id)
      FROM worksheet_items i JOIN measurements m ON m.indicator_id = i.id
      WHERE i.plan_id = ANY(ids) AND i.kind = 'indicator' AND i.data->>'indicatorType' = 'compliance'
        AND jsonb_typeof(i.data->'baselineValue') = 'number'
      GROUP BY 1, 2;
    END $$`.execute(db)

  // Every measurement matters; worksheet items only when they are indicators (type, baseline).
  // One function per table: the transition tables have their table's columns.
  for (const [fn, rows] of [
    ['scp_compliance_months_on_measurement', sql`SELECT plan_id FROM rows`],
    ['scp_compliance_months_on_item', sql`SELECT plan_id FROM rows WHERE kind = 'indicator'`],
  ] as const) {
    await sql`
      CREATE FUNCTION ${sql.raw(fn)}() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          WITH rows AS (SELECT * FROM new_rows) SELECT array_agg(DISTINCT plan_id) INTO ids FROM (${rows}) x;
        ELSIF TG_OP = 'DELETE' THEN
          WITH rows AS (SELECT * FROM old_rows) SELECT array_agg(DISTINCT plan_id) INTO ids FROM (${rows}) x;
        ELSE
          WITH rows AS (SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows) SELECT array_agg(DISTINCT plan_id) INTO ids FROM (${rows}) x;
        END IF;
        IF ids IS NOT NULL THEN PERFORM scp_refresh_compliance_months(ids); END IF;
        RETURN NULL;
      END $$`.execute(db)
  }
  for (const [table, fn] of [
    ['measurements', 'scp_compliance_months_on_measurement'],
    ['worksheet_items', 'scp_compliance_months_on_item'],
  ] as const) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_compliance_months_insert`)} AFTER INSERT ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(
      db,
    )
    await sql`CREATE TRIGGER ${sql.raw(`${table}_compliance_months_update`)} AFTER UPDATE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(
      db,
    )
    await sql`CREATE TRIGGER ${sql.raw(`${table}_compliance_months_delete`)} AFTER DELETE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(
      db,
    )
  }
  await sql`SELECT scp_refresh_compliance_months(array_agg(id)) FROM plans HAVING count(*) > 0`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>) {
  for (const table of ['measurements', 'worksheet_items']) {
    for (const op of ['insert', 'update', 'delete']) {
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_compliance_months_${op}`)} ON ${sql.table(table)}`.execute(
        db,
      )
    }
  }
  await sql`DROP FUNCTION IF EXISTS scp_compliance_months_on_measurement()`.execute(db)
  await sql`DROP FUNCTION IF EXISTS scp_compliance_months_on_item()`.execute(db)
  await sql`DROP FUNCTION IF EXISTS scp_refresh_compliance_months(uuid[])`.execute(db)
  await sql`DROP TABLE IF EXISTS plan_compliance_months`.execute(db)
}
