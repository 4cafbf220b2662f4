import { sql, type Kysely } from 'kysely'

// Worksheet artefacts of all 16 sub-steps share one table: the shape of `data` per `kind` is
// validated by zod in app/worksheets/kinds (see docs/decisions/004-worksheet-items.md).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('worksheet_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('worksheet_items_ref', ['plan_id', 'kind', 'ref'])
    .execute()
  await db.schema
    .createIndex('worksheet_items_plan_kind')
    .on('worksheet_items')
    .columns(['plan_id', 'kind', 'position'])
    .execute()

  await db.schema
    .createTable('scores')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('subject_id', 'uuid', (c) => c.notNull().references('worksheet_items.id').onDelete('cascade'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('scorer_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('value', 'integer', (c) => c.notNull().check(sql`value BETWEEN -5 AND 5`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('scores_pk', ['subject_id', 'criterion', 'scorer_id'])
    .execute()
  await db.schema.createIndex('scores_plan').on('scores').column('plan_id').execute()

  await db.schema
    .createTable('comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type IN ('item','substep','plan')`))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_review', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('comments_subject')
    .on('comments')
    .columns(['plan_id', 'subject_type', 'subject_id'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['comments', 'scores', 'worksheet_items']) await db.schema.dropTable(table).ifExists().execute()
}
