import { sql, type Kysely } from 'kysely'

// Sign-off per sub-step (ADR 037). "Complete" is computed by the app's progress rules and stored per
// sub-step so the dashboard can count it without running them; "agreed" is each constituency's
// sign-off, made stale by any later change to what it was given on.
//
// Content changes are detected in one place: scp_content_changed(plan, scopes), called by the
// triggers below for every writer (routes, imports, the seed, the collab-server, psql). A scope
// names a piece of content: `kind:<worksheet kind>`, `scores:<scored kind>` or `notes:<sub-step>`;
// which scopes make up a sub-step is decided by the app and stored with each sign-off.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE content_revisions (
      plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      scope text NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      changed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (plan_id, scope)
    )`.execute(db)
  await sql`
    CREATE TABLE substep_completion (
      plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      substep text NOT NULL,
      complete boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (plan_id, substep)
    )`.execute(db)
  await sql`
    CREATE TABLE substep_signoffs (
      plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      substep text NOT NULL,
      constituency text NOT NULL CHECK (constituency IN ('government', 'workers', 'employers')),
      decision text NOT NULL CHECK (decision IN ('agree', 'reserve')),
      reason text CHECK (reason IS NULL OR length(reason) <= 2000),
      organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      scopes text[] NOT NULL,
      signed_at timestamptz NOT NULL DEFAULT now(),
      stale_at timestamptz,
      PRIMARY KEY (plan_id, substep, constituency),
      CONSTRAINT substep_signoffs_reason CHECK (decision = 'agree' OR length(btrim(coalesce(reason, ''))) > 0)
    )`.execute(db)

  // The one place a change of content is noticed: its revision grows, and every current sign-off
  // given on it becomes stale, with one history entry per sub-step. A plan being deleted is skipped
  // (its rows go with it).
  await sql`
    CREATE FUNCTION scp_content_changed(p_plan uuid, p_scopes text[], p_actor uuid) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      IF p_scopes IS NULL OR NOT EXISTS (SELECT 1 FROM plans WHERE id = p_plan) THEN RETURN; END IF;
      INSERT INTO content_revisions (plan_id, scope)
      SELECT p_plan, s FROM (SELECT DISTINCT unnest(p_scopes) AS s) x ORDER BY s
      ON CONFLICT (plan_id, scope) DO UPDATE SET revision = content_revisions.revision + 1, changed_at = now();
      WITH stale AS (
        UPDATE substep_signoffs SET stale_at = now()
        WHERE plan_id = p_plan AND stale_at IS NULL AND scopes && p_scopes
        RETURNING substep, constituency
      )
      INSERT INTO activity_events (plan_id, actor_id, action, entity_type, entity_id, new_value)
      SELECT p_plan, p_actor, 'stale', 'signoff', substep, jsonb_build_object('substep', substep, 'constituencies', array_agg(constituency ORDER BY constituency))
      FROM stale GROUP BY substep ORDER BY substep;
    END $$`.execute(db)

  // Worksheet items: an insert or delete, or an update that changed the data or the order.
  await sql`
    CREATE FUNCTION scp_items_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r record;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        FOR r IN SELECT plan_id, array_agg(DISTINCT 'kind:' || kind) AS scopes, (array_agg(created_by))[1] AS actor FROM new_rows GROUP BY plan_id ORDER BY plan_id LOOP
          PERFORM scp_content_changed(r.plan_id, r.scopes, r.actor);
        END LOOP;
      ELSIF TG_OP = 'DELETE' THEN
        FOR r IN SELECT plan_id, array_agg(DISTINCT 'kind:' || kind) AS scopes FROM old_rows GROUP BY plan_id ORDER BY plan_id LOOP
          PERFORM scp_content_changed(r.plan_id, r.scopes, NULL);
        END LOOP;
      ELSE
        FOR r IN
          SELECT n.plan_id, array_agg(DISTINCT 'kind:' || n.kind) AS scopes, (array_agg(n.updated_by))[1] AS actor
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE (o.data, o.position, o.kind) IS DISTINCT FROM (n.data, n.position, n.kind)
          GROUP BY n.plan_id ORDER BY n.plan_id
        LOOP
          PERFORM scp_content_changed(r.plan_id, r.scopes, r.actor);
        END LOOP;
      END IF;
      RETURN NULL;
    END $$`.execute(db)

  // Scores belong to the kind they score (a pair, a stakeholder, an intervention). Scores deleted
  // with their item are covered by the item's own change.
  await sql`
    CREATE FUNCTION scp_scores_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r record;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        FOR r IN SELECT s.plan_id, array_agg(DISTINCT 'scores:' || w.kind) AS scopes FROM old_rows s JOIN worksheet_items w ON w.id = s.subject_id GROUP BY s.plan_id ORDER BY s.plan_id LOOP
          PERFORM scp_content_changed(r.plan_id, r.scopes, NULL);
        END LOOP;
      ELSIF TG_OP = 'INSERT' THEN
        FOR r IN SELECT s.plan_id, array_agg(DISTINCT 'scores:' || w.kind) AS scopes, (array_agg(s.scorer_id))[1] AS actor FROM new_rows s JOIN worksheet_items w ON w.id = s.subject_id GROUP BY s.plan_id ORDER BY s.plan_id LOOP
          PERFORM scp_content_changed(r.plan_id, r.scopes, r.actor);
        END LOOP;
      ELSE
        FOR r IN
          SELECT s.plan_id, array_agg(DISTINCT 'scores:' || w.kind) AS scopes, (array_agg(s.scorer_id))[1] AS actor
          FROM new_rows s JOIN old_rows o ON (o.subject_id, o.criterion, o.scorer_id) = (s.subject_id, s.criterion, s.scorer_id)
          JOIN worksheet_items w ON w.id = s.subject_id
          WHERE o.value IS DISTINCT FROM s.value
          GROUP BY s.plan_id ORDER BY s.plan_id
        LOOP
          PERFORM scp_content_changed(r.plan_id, r.scopes, r.actor);
        END LOOP;
      END IF;
      RETURN NULL;
    END $$`.execute(db)

  // A sub-step's co-edited notes: every update the collab-server logs is an edit by someone (the
  // initial content is written to collab_documents, not to the log).
  await sql`
    CREATE FUNCTION scp_notes_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r record;
    BEGIN
      FOR r IN
        SELECT d.plan_id, array_agg(DISTINCT 'notes:' || substring(n.doc_name FROM '\.notes\.([0-9]\.[0-9])$')) AS scopes
        FROM new_rows n JOIN collab_documents d ON d.name = n.doc_name
        WHERE n.doc_name ~ '\.notes\.[0-9]\.[0-9]$'
        GROUP BY d.plan_id ORDER BY d.plan_id
      LOOP
        PERFORM scp_content_changed(r.plan_id, r.scopes, NULL);
      END LOOP;
      RETURN NULL;
    END $$`.execute(db)

  for (const [table, fn] of [
    ['worksheet_items', 'scp_items_content_changed'],
    ['scores', 'scp_scores_content_changed'],
  ] as const) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_content_insert`)} AFTER INSERT ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(
      db,
    )
    await sql`CREATE TRIGGER ${sql.raw(`${table}_content_update`)} AFTER UPDATE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(
      db,
    )
    await sql`CREATE TRIGGER ${sql.raw(`${table}_content_delete`)} AFTER DELETE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(
      db,
    )
  }
  await sql`CREATE TRIGGER collab_updates_content_insert AFTER INSERT ON collab_updates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_notes_content_changed()`.execute(
    db,
  )
  await sql`CREATE INDEX substep_signoffs_current ON substep_signoffs (plan_id) WHERE stale_at IS NULL`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['worksheet_items', 'scores']) {
    for (const op of ['insert', 'update', 'delete'])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_content_${op}`)} ON ${sql.table(table)}`.execute(db)
  }
  await sql`DROP TRIGGER IF EXISTS collab_updates_content_insert ON collab_updates`.execute(db)
  for (const fn of [
    'scp_notes_content_changed()',
    'scp_scores_content_changed()',
    'scp_items_content_changed()',
    'scp_content_changed(uuid, text[], uuid)',
  ]) {
    await sql`DROP FUNCTION IF EXISTS ${sql.raw(fn)}`.execute(db)
  }
  for (const table of ['substep_signoffs', 'substep_completion', 'content_revisions'])
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db)
}
