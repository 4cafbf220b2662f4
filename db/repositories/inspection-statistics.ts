import { sql } from 'kysely'
import { withTransaction, type Executor } from '../executor.ts'

export interface StatisticsRow {
  countryCode: string
  year: number
  inspectors: number | null
  inspectorsWomen: number | null
  inspectorsPer10000: number | null
  visits: number | null
  visitsPerInspector: number | null
  registeredWorkplaces: number | null
  source: string | null
}

const columns = [
  'country_code',
  'year',
  'inspectors',
  'inspectors_women',
  'inspectors_per_10000',
  'visits',
  'visits_per_inspector',
  'registered_workplaces',
  'source',
  'updated_at',
] as const

/** A country's statistics, oldest year first (for the trend). */
export function findByCountry(db: Executor, countryCode: string) {
  return db
    .selectFrom('inspection_statistics')
    .select(columns)
    .where('country_code', '=', countryCode)
    .orderBy('year')
    .execute()
}

/** The latest year of every country that has statistics. */
export function findLatestPerCountry(db: Executor) {
  return db
    .selectFrom('inspection_statistics')
    .select(columns)
    .distinctOn('country_code')
    .orderBy('country_code')
    .orderBy('year', 'desc')
    .execute()
}

/** Countries with statistics, with their number of years. */
export function findCountries(db: Executor) {
  return db
    .selectFrom('inspection_statistics')
    .select(['country_code', sql<number>`count(*)::int`.as('years')])
    .groupBy('country_code')
    .orderBy('country_code')
    .execute()
}

/** Saves figures per country and year (a year entered again replaces that year), all rows or none. */
export function upsertMany(db: Executor, rows: StatisticsRow[], actorId: string) {
  return withTransaction(db, async (trx) => {
    for (const r of rows) {
      const values = {
        inspectors: r.inspectors,
        inspectors_women: r.inspectorsWomen,
        inspectors_per_10000: r.inspectorsPer10000,
        visits: r.visits,
        visits_per_inspector: r.visitsPerInspector,
        registered_workplaces: r.registeredWorkplaces,
        source: r.source,
        updated_by: actorId,
        updated_at: new Date(),
      }
      await trx
        .insertInto('inspection_statistics')
        .values({ country_code: r.countryCode, year: r.year, ...values })
        .onConflict((oc) => oc.columns(['country_code', 'year']).doUpdateSet(values))
        .execute()
    }
    return rows.length
  })
}
