import { sql, type Kysely } from 'kysely'

// ILOSTAT-style labour inspection statistics, per country and year.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_statistics')
    .addColumn('country_code', 'char(2)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year BETWEEN 1950 AND 2100`))
    .addColumn('inspectors', 'integer', (c) => c.check(sql`inspectors >= 0`))
    .addColumn('inspectors_women', 'integer', (c) => c.check(sql`inspectors_women >= 0`))
    .addColumn('inspectors_per_10000', 'double precision', (c) => c.check(sql`inspectors_per_10000 >= 0`))
    .addColumn('visits', 'integer', (c) => c.check(sql`visits >= 0`))
    .addColumn('visits_per_inspector', 'double precision', (c) => c.check(sql`visits_per_inspector >= 0`))
    .addColumn('registered_workplaces', 'integer', (c) => c.check(sql`registered_workplaces >= 0`))
    .addColumn('source', 'text')
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('inspection_statistics_pk', ['country_code', 'year'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_statistics').ifExists().execute()
}
