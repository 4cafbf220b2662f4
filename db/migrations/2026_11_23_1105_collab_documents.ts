import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One row per co-edited document: the compacted Yjs state, the log watermark it covers, and
  // renderings refreshed on compaction. Created once, with the server-made initial content.
  await db.schema
    .createTable('collab_documents')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('byte_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('plain_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('compacted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('collab_documents_plan').on('collab_documents').column('plan_id').execute()

  // Append-only log of Yjs updates not yet folded into the snapshot.
  await db.schema
    .createTable('collab_updates')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('doc_name', 'text', (c) => c.notNull().references('collab_documents.name').onDelete('cascade'))
    .addColumn('update', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('collab_updates_doc_seq').on('collab_updates').columns(['doc_name', 'seq']).execute()

  // Revocation: the collab-server LISTENs and re-checks the open sockets of the users named here.
  await sql`
    CREATE FUNCTION scp_notify_membership() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('scp_membership', json_build_object('userId', NEW.id)::text);
      ELSE
        PERFORM pg_notify('scp_membership', json_build_object('userId', OLD.user_id, 'planId', OLD.plan_id)::text);
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER plan_members_notify AFTER UPDATE OR DELETE ON plan_members
    FOR EACH ROW EXECUTE FUNCTION scp_notify_membership()`.execute(db)
  await sql`
    CREATE TRIGGER users_notify AFTER UPDATE OF is_active, global_role ON users
    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.global_role IS DISTINCT FROM NEW.global_role)
    EXECUTE FUNCTION scp_notify_membership()`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS users_notify ON users`.execute(db)
  await sql`DROP TRIGGER IF EXISTS plan_members_notify ON plan_members`.execute(db)
  await sql`DROP FUNCTION IF EXISTS scp_notify_membership()`.execute(db)
  await db.schema.dropTable('collab_updates').ifExists().execute()
  await db.schema.dropTable('collab_documents').ifExists().execute()
}
