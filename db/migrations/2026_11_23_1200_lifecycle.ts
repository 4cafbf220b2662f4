import { sql, type Kysely } from 'kysely'

// Approved versions (immutable snapshots) and tripartite endorsements. Frozen in time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('approved_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('plan_versions_number', ['plan_id', 'number'])
    .execute()
  // Snapshots are immutable: the database itself refuses to change or delete one (except with its plan).
  await sql`
    CREATE FUNCTION plan_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM plans WHERE id = OLD.plan_id) THEN RETURN OLD; END IF;
      RAISE EXCEPTION 'plan versions are immutable';
    END $$`.execute(db)
  await sql`CREATE TRIGGER plan_versions_no_change BEFORE UPDATE OR DELETE ON plan_versions FOR EACH ROW EXECUTE FUNCTION plan_versions_immutable()`.execute(
    db,
  )

  await db.schema
    .createTable('plan_endorsements')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('endorse','object')`))
    .addColumn('comment', 'text')
    .addColumn('version_number', 'integer')
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('plan_endorsements_pk', ['plan_id', 'organisation_id'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_endorsements').ifExists().execute()
  await db.schema.dropTable('plan_versions').ifExists().execute()
  await sql`DROP FUNCTION IF EXISTS plan_versions_immutable()`.execute(db)
}
