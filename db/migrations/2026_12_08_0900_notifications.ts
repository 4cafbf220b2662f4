import { sql, type Kysely } from 'kysely'

// Notifications (issue 14). One row per person and thing they are told about; the row is also the
// outbox for email: the mail side reads rows not yet decided (`email_state = 'pending'`) and sends
// them at once or in a daily digest according to the person's preference for that kind. Producers
// only insert rows, in the transaction of the change that causes them, so a rolled-back change
// tells nobody anything. `dedupe_key` makes producers that may run twice (reminders, mentions
// found again in a re-rendered document) insert once per person.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>) {
  await sql`
    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('plan_submitted', 'plan_returned', 'plan_approved',
        'endorsement_requested', 'endorsement_recorded', 'endorsement_overridden', 'review_comment',
        'mention', 'measurement_due')),
      plan_id uuid REFERENCES plans (id) ON DELETE CASCADE,
      actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
      params jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(params) = 'object'),
      path text NOT NULL CHECK (path LIKE '/%' AND path NOT LIKE '//%' AND length(path) <= 2000),
      dedupe_key text CHECK (length(dedupe_key) <= 300),
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      email_state text NOT NULL DEFAULT 'pending'
        CHECK (email_state IN ('pending', 'queued', 'digest', 'sent', 'skipped')),
      emailed_at timestamptz
    )`.execute(db)
  await sql`CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key)
    WHERE dedupe_key IS NOT NULL`.execute(db)
  await sql`CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC)`.execute(db)
  await sql`CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL`.execute(db)
  await sql`CREATE INDEX notifications_email_pending ON notifications (created_at)
    WHERE email_state IN ('pending', 'digest')`.execute(db)

  // The bell's live count: each statement that adds or reads notifications tells the web processes
  // whose count changed, once per person, at commit (one NOTIFY per person, never the content).
  await sql`
    CREATE FUNCTION scp_notify_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('scp_user_notifications', user_id::text) FROM (SELECT DISTINCT user_id FROM rows) AS changed;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER notifications_inserted AFTER INSERT ON notifications
    REFERENCING NEW TABLE AS rows FOR EACH STATEMENT EXECUTE FUNCTION scp_notify_notifications()`.execute(db)
  await sql`CREATE TRIGGER notifications_updated AFTER UPDATE ON notifications
    REFERENCING NEW TABLE AS rows FOR EACH STATEMENT EXECUTE FUNCTION scp_notify_notifications()`.execute(db)

  await sql`
    CREATE TABLE notification_preferences (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('plan_submitted', 'plan_returned', 'plan_approved',
        'endorsement_requested', 'endorsement_recorded', 'endorsement_overridden', 'review_comment',
        'mention', 'measurement_due')),
      delivery text NOT NULL CHECK (delivery IN ('instant', 'daily', 'off')),
      PRIMARY KEY (user_id, kind)
    )`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>) {
  await sql`DROP TABLE notification_preferences`.execute(db)
  await sql`DROP TABLE notifications`.execute(db)
  await sql`DROP FUNCTION scp_notify_notifications()`.execute(db)
}
