import { sql, type Kysely } from 'kysely'

// A review lifecycle with teeth (ADR 009): each submission is numbered and endorsements record the
// one they endorse; the reason a plan was returned stays on the plan until it is resubmitted; an
// approval without every constituency's endorsement keeps the reviewer's written reason with its
// version. A status change notifies the collab-server, which re-checks the plan's open documents
// (they are read-only outside draft), on the revocation channel of ADR 013.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plans')
    .addColumn('submission', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('return_note', 'text')
    .addColumn('returned_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('returned_at', 'timestamptz')
    .execute()
  await db.schema.alterTable('plan_endorsements').addColumn('submission', 'integer').execute()
  await db.schema.alterTable('plan_versions').addColumn('override_reason', 'text').execute()

  await sql`
    CREATE FUNCTION scp_notify_plan_status() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('scp_membership', json_build_object('planId', NEW.id)::text);
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER plans_status_notify AFTER UPDATE OF status ON plans
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION scp_notify_plan_status()`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS plans_status_notify ON plans`.execute(db)
  await sql`DROP FUNCTION IF EXISTS scp_notify_plan_status()`.execute(db)
  await db.schema.alterTable('plan_versions').dropColumn('override_reason').execute()
  await db.schema.alterTable('plan_endorsements').dropColumn('submission').execute()
  await db.schema
    .alterTable('plans')
    .dropColumn('returned_at')
    .dropColumn('returned_by')
    .dropColumn('return_note')
    .dropColumn('submission')
    .execute()
}
