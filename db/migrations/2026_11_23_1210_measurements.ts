import { sql, type Kysely } from 'kysely'

// Indicator measurements get typed columns: the cross-country dashboard aggregates millions of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('measurements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('indicator_id', 'uuid', (c) => c.notNull().references('worksheet_items.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('evidence_source', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('measurements_indicator_period', ['indicator_id', 'period'])
    .execute()
  await db.schema
    .createIndex('measurements_plan_indicator')
    .on('measurements')
    .columns(['plan_id', 'indicator_id', 'period_end'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('measurements').ifExists().execute()
}
