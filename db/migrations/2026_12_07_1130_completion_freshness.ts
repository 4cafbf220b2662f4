import { sql, type Kysely } from 'kysely'

// Completeness the dashboard can trust without anyone opening the plan (ADR 037, amended). The
// progress rules are TypeScript, so SQL cannot evaluate them; instead it notes, in the same
// transaction as any change to what they read (worksheet items and scores), that a plan's stored
// completeness is behind: `content` grows with every such change, `evaluated` is the `content` the
// stored completeness was computed from. A plan is stale while evaluated < content; the app
// re-evaluates stale plans before the dashboard reads them, and pages do so for their own plan.
// Both counters only grow, so an evaluation that started earlier can never overwrite a later one.

// The body of scp_content_changed as migration 2026_12_06_1020 created it, plus the mark.
const contentChanged = (withMark: boolean) => sql`
  CREATE OR REPLACE FUNCTION scp_content_changed(p_plan uuid, p_scopes text[], p_actor uuid) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF p_scopes IS NULL OR NOT EXISTS (SELECT 1 FROM plans WHERE id = p_plan) THEN RETURN; END IF;
    INSERT INTO content_revisions (plan_id, scope)
    SELECT p_plan, s FROM (SELECT DISTINCT unnest(p_scopes) AS s) x ORDER BY s
    ON CONFLICT (plan_id, scope) DO UPDATE SET revision = content_revisions.revision + 1, changed_at = now();
    ${
      withMark
        ? sql.raw(`
    -- Completeness reads worksheet items and scores, not the notes.
    IF EXISTS (SELECT 1 FROM unnest(p_scopes) s WHERE s LIKE 'kind:%' OR s LIKE 'scores:%') THEN
      INSERT INTO completion_generations (plan_id) VALUES (p_plan)
      ON CONFLICT (plan_id) DO UPDATE SET content = completion_generations.content + 1;
    END IF;`)
        : sql``
    }
    WITH stale AS (
      UPDATE substep_signoffs SET stale_at = now()
      WHERE plan_id = p_plan AND stale_at IS NULL AND scopes && p_scopes
      RETURNING substep, constituency
    )
    INSERT INTO activity_events (plan_id, actor_id, action, entity_type, entity_id, new_value)
    SELECT p_plan, p_actor, 'stale', 'signoff', substep, jsonb_build_object('substep', substep, 'constituencies', array_agg(constituency ORDER BY constituency))
    FROM stale GROUP BY substep ORDER BY substep;
  END $$`

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE completion_generations (
      plan_id uuid PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
      content bigint NOT NULL DEFAULT 1,
      evaluated bigint NOT NULL DEFAULT 0
    )`.execute(db)
  // The dashboard asks for the stale plans before every read: a small index of only those.
  await sql`CREATE INDEX completion_generations_stale ON completion_generations (plan_id) WHERE evaluated < content`.execute(
    db,
  )
  await contentChanged(true).execute(db)
  // Until now completeness was stored only when a page ran the rules: every plan is evaluated once.
  await sql`INSERT INTO completion_generations (plan_id) SELECT id FROM plans ORDER BY id`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await contentChanged(false).execute(db)
  await sql`DROP TABLE IF EXISTS completion_generations`.execute(db)
}
