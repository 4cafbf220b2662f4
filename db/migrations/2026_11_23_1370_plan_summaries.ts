import { sql, type Kysely } from 'kysely'

// One row of dashboard figures per plan, kept by statement-level triggers in the same transaction
// as the writes that change them, so the cross-country dashboard reads 5,000 small rows instead of
// aggregating 50,000 indicators per request (ADR 024). Frozen in time: a later change of the
// on-track rule or of what a figure means replaces these functions in a new migration and calls
// scp_rebuild_plan_summaries().

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE plan_summaries (
      plan_id uuid PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
      kinds text[] NOT NULL DEFAULT '{}',
      issue_title text,
      issue_type text,
      open_reviews integer NOT NULL DEFAULT 0,
      endorsed text[] NOT NULL DEFAULT '{}',
      objected text[] NOT NULL DEFAULT '{}',
      indicators integer NOT NULL DEFAULT 0,
      on_track integer NOT NULL DEFAULT 0,
      compliance_change double precision,
      workers_reached double precision NOT NULL DEFAULT 0
    )`.execute(db)
  // Separate from plan_summaries: every write records an activity event, and a transaction that holds
  // a plan row lock (status change, details edit) must not wait for a summary row another
  // transaction holds while that one waits for the plan row.
  await sql`
    CREATE TABLE plan_last_activity (
      plan_id uuid PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
      at timestamptz NOT NULL
    )`.execute(db)

  // A worksheet date as JavaScript's Date.parse reads it (a day 29–31 past the month's end rolls
  // over), or null, so the SQL rule and app/monitoring/progress.ts classify alike.
  await sql`
    CREATE FUNCTION scp_iso_date(t text) RETURNS date LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN t ~ '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' AND substr(t, 1, 4) <> '0000'
        THEN make_date(substr(t, 1, 4)::int, substr(t, 6, 2)::int, 1) + (substr(t, 9, 2)::int - 1) END
    $$`.execute(db)
  // indicatorProgress() of app/monitoring/progress.ts, reduced to "on track or achieved".
  await sql`
    CREATE FUNCTION scp_indicator_on_track(baseline double precision, target double precision, baseline_date text, target_date text, latest double precision, latest_end date)
    RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE
        WHEN baseline IS NULL OR target IS NULL OR target = baseline OR latest IS NULL THEN false
        WHEN (latest - baseline) / (target - baseline) >= 1 THEN true
        ELSE coalesce(
          CASE WHEN scp_iso_date(target_date) > scp_iso_date(baseline_date)
            THEN least(1::float8, greatest(0::float8, (latest_end - scp_iso_date(baseline_date))::float8 / (scp_iso_date(target_date) - scp_iso_date(baseline_date))))
          END, 0::float8) - (latest - baseline) / (target - baseline) <= 0.1::float8
      END
    $$`.execute(db)

  await sql`
    CREATE FUNCTION scp_refresh_plan_summaries(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      -- Rows exist and are locked in plan order before anything is read: a concurrent refresh of the
      -- same plan waits here, and its UPDATE below (a new statement, a new snapshot) then sees the
      -- first transaction's committed writes.
      INSERT INTO plan_summaries (plan_id) SELECT p.id FROM plans p WHERE p.id = ANY(ids) ORDER BY p.id ON CONFLICT DO NOTHING;
      PERFORM 1 FROM plan_summaries WHERE plan_id = ANY(ids) ORDER BY plan_id FOR UPDATE;
      UPDATE plan_summaries s SET
        kinds = c.kinds, issue_title = c.issue_title, issue_type = c.issue_type, open_reviews = c.open_reviews,
        endorsed = c.endorsed, objected = c.objected, indicators = c.indicators, on_track = c.on_track,
        compliance_change = c.compliance_change, workers_reached = c.workers_reached
      FROM (
        SELECT p.id,
          coalesce(k.kinds, '{}') AS kinds,
          pr.issue_title, pr.issue_type,
          coalesce(r.open_reviews, 0) AS open_reviews,
          coalesce(e.endorsed, '{}') AS endorsed,
          coalesce(e.objected, '{}') AS objected,
          coalesce(ind.indicators, 0) AS indicators,
          coalesce(ind.on_track, 0) AS on_track,
          ind.compliance_change,
          coalesce(ind.workers_reached, 0) AS workers_reached
        FROM plans p
        LEFT JOIN LATERAL (SELECT array_agg(DISTINCT w.kind ORDER BY w.kind) AS kinds FROM worksheet_items w WHERE w.plan_id = p.id) k ON true
        -- The plan's priority issue: the issue of the first pair of its first priority decision.
        LEFT JOIN LATERAL (
          SELECT iss.data->>'title' AS issue_title, iss.data->>'issueType' AS issue_type
          FROM worksheet_items d
          JOIN worksheet_items pa ON pa.plan_id = d.plan_id AND pa.id::text = d.data->'pairs'->>0
          JOIN worksheet_items iss ON iss.plan_id = d.plan_id AND iss.id::text = pa.data->>'issue'
          WHERE d.plan_id = p.id AND d.kind = 'priority_decision'
          ORDER BY d.position LIMIT 1
        ) pr ON true
        LEFT JOIN LATERAL (SELECT count(*)::int AS open_reviews FROM comments c WHERE c.plan_id = p.id AND c.is_review AND c.resolved_at IS NULL) r ON true
        LEFT JOIN LATERAL (
          SELECT coalesce(array_agg(DISTINCT o.constituency ORDER BY o.constituency) FILTER (WHERE en.decision = 'endorse'), '{}') AS endorsed,
            coalesce(array_agg(DISTINCT o.constituency ORDER BY o.constituency) FILTER (WHERE en.decision = 'object'), '{}') AS objected
          FROM plan_endorsements en JOIN organisations o ON o.id = en.organisation_id WHERE en.plan_id = p.id
        ) e ON true
        LEFT JOIN LATERAL (
          SELECT count(*)::int AS indicators,
            count(*) FILTER (WHERE scp_indicator_on_track(v.baseline, v.target, v.baseline_date, v.target_date, l.value, l.period_end))::int AS on_track,
            avg(l.value - v.baseline) FILTER (WHERE v.indicator_type = 'compliance' AND l.value IS NOT NULL AND v.baseline IS NOT NULL) AS compliance_change,
            sum(l.value) FILTER (WHERE v.counts_workers) AS workers_reached
          FROM worksheet_items i
          LEFT JOIN indicator_latest l ON l.indicator_id = i.id
          CROSS JOIN LATERAL (SELECT
            i.data->>'indicatorType' AS indicator_type,
            CASE WHEN jsonb_typeof(i.data->'baselineValue') = 'number' THEN (i.data->>'baselineValue')::float8 END AS baseline,
            CASE WHEN jsonb_typeof(i.data->'targetValue') = 'number' THEN (i.data->>'targetValue')::float8 END AS target,
            i.data->>'baselineDate' AS baseline_date,
            i.data->>'targetDate' AS target_date,
            i.data->>'countsWorkersReached' = 'true' AS counts_workers) v
          WHERE i.plan_id = p.id AND i.kind = 'indicator'
        ) ind ON true
        WHERE p.id = ANY(ids)
      ) c
      WHERE s.plan_id = c.id;
    END $$`.execute(db)

  await sql`
    CREATE FUNCTION scp_rebuild_plan_summaries() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM scp_refresh_plan_summaries(array_agg(id)) FROM plans;
      DELETE FROM plan_last_activity;
      INSERT INTO plan_last_activity (plan_id, at) SELECT plan_id, max(created_at) FROM activity_events GROUP BY plan_id;
    END $$`.execute(db)

  // One trigger function for every table whose rows carry a plan_id; the transition tables hold the
  // statement's rows, so a bulk write refreshes each plan once.
  await sql`
    CREATE FUNCTION scp_plan_summaries_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ids uuid[];
    BEGIN
      IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT plan_id) INTO ids FROM new_rows;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT plan_id) INTO ids FROM old_rows;
      ELSE
        SELECT array_agg(DISTINCT plan_id) INTO ids FROM (SELECT plan_id FROM new_rows UNION SELECT plan_id FROM old_rows) x;
      END IF;
      IF ids IS NOT NULL THEN PERFORM scp_refresh_plan_summaries(ids); END IF;
      RETURN NULL;
    END $$`.execute(db)
  for (const table of ['worksheet_items', 'comments', 'plan_endorsements']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_summary_insert`)} AFTER INSERT ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_plan_summaries_on_change()`.execute(
      db,
    )
    await sql`CREATE TRIGGER ${sql.raw(`${table}_summary_update`)} AFTER UPDATE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_plan_summaries_on_change()`.execute(
      db,
    )
    await sql`CREATE TRIGGER ${sql.raw(`${table}_summary_delete`)} AFTER DELETE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_plan_summaries_on_change()`.execute(
      db,
    )
  }

  // Measurements reach the summary through indicator_latest: the refresh runs after it, in its function.
  await sql`
    CREATE OR REPLACE FUNCTION indicator_latest_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ids uuid[];
    BEGIN
      DELETE FROM indicator_latest WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM changed);
      INSERT INTO indicator_latest (indicator_id, plan_id, period, period_end, value)
      SELECT DISTINCT ON (m.indicator_id) m.indicator_id, m.plan_id, m.period, m.period_end, m.value
      FROM measurements m
      WHERE m.indicator_id IN (SELECT DISTINCT indicator_id FROM changed)
      ORDER BY m.indicator_id, m.period_end DESC, m.created_at DESC;
      SELECT array_agg(DISTINCT plan_id) INTO ids FROM changed;
      IF ids IS NOT NULL THEN PERFORM scp_refresh_plan_summaries(ids); END IF;
      RETURN NULL;
    END $$`.execute(db)

  // An organisation changing constituency changes the endorsements shown on its plans.
  await sql`
    CREATE FUNCTION scp_plan_summaries_on_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ids uuid[];
    BEGIN
      SELECT array_agg(DISTINCT e.plan_id) INTO ids FROM plan_endorsements e JOIN new_rows n ON n.id = e.organisation_id;
      IF ids IS NOT NULL THEN PERFORM scp_refresh_plan_summaries(ids); END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER organisations_summary_update AFTER UPDATE ON organisations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_plan_summaries_on_organisation()`.execute(
    db,
  )

  // Latest activity only grows, so concurrent writers merge with greatest() instead of recomputing.
  await sql`
    CREATE FUNCTION scp_plan_last_activity_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO plan_last_activity (plan_id, at)
      SELECT plan_id, max(created_at) FROM new_rows GROUP BY plan_id ORDER BY plan_id
      ON CONFLICT (plan_id) DO UPDATE SET at = greatest(plan_last_activity.at, excluded.at);
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER activity_events_last_activity AFTER INSERT ON activity_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_plan_last_activity_on_insert()`.execute(
    db,
  )

  await sql`SELECT scp_rebuild_plan_summaries()`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['worksheet_items', 'comments', 'plan_endorsements']) {
    for (const op of ['insert', 'update', 'delete'])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_summary_${op}`)} ON ${sql.table(table)}`.execute(db)
  }
  await sql`DROP TRIGGER IF EXISTS organisations_summary_update ON organisations`.execute(db)
  await sql`DROP TRIGGER IF EXISTS activity_events_last_activity ON activity_events`.execute(db)
  await sql`
    CREATE OR REPLACE FUNCTION indicator_latest_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM indicator_latest WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM changed);
      INSERT INTO indicator_latest (indicator_id, plan_id, period, period_end, value)
      SELECT DISTINCT ON (m.indicator_id) m.indicator_id, m.plan_id, m.period, m.period_end, m.value
      FROM measurements m
      WHERE m.indicator_id IN (SELECT DISTINCT indicator_id FROM changed)
      ORDER BY m.indicator_id, m.period_end DESC, m.created_at DESC;
      RETURN NULL;
    END $$`.execute(db)
  for (const fn of [
    'scp_plan_last_activity_on_insert()',
    'scp_plan_summaries_on_organisation()',
    'scp_plan_summaries_on_change()',
    'scp_rebuild_plan_summaries()',
    'scp_refresh_plan_summaries(uuid[])',
    'scp_indicator_on_track(double precision, double precision, text, text, double precision, date)',
    'scp_iso_date(text)',
  ]) {
    await sql`DROP FUNCTION IF EXISTS ${sql.raw(fn)}`.execute(db)
  }
  await sql`DROP TABLE IF EXISTS plan_last_activity`.execute(db)
  await sql`DROP TABLE IF EXISTS plan_summaries`.execute(db)
}
