import { type Executor } from '../executor.ts'
import { type Constituency } from '../types.ts'

/** All organisations, ordered for pickers. */
export function findAll(db: Executor) {
  return db.selectFrom('organisations').selectAll().orderBy('country_code').orderBy('name').execute()
}

/** One organisation by id, or undefined. */
export function findById(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Whether an organisation with this name already exists in the country. */
export async function existsByName(db: Executor, name: string, countryCode: string | null) {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where((eb) => (countryCode ? eb('country_code', '=', countryCode) : eb('country_code', 'is', null)))
    .executeTakeFirst()
  return row !== undefined
}

export class OrganisationExistsError extends Error {
  constructor() {
    super('An organisation with this name already exists in the country')
  }
}

/** Creates an organisation; throws OrganisationExistsError when the name is taken in the country. */
export async function insert(
  db: Executor,
  values: {
    name: string
    acronym: string | null
    constituency: Constituency
    agencyType: 'labour_inspectorate' | 'other_agency' | null
    countryCode: string | null
  },
) {
  const row = await db
    .insertInto('organisations')
    .values({
      name: values.name,
      acronym: values.acronym,
      constituency: values.constituency,
      agency_type: values.constituency === 'government' ? values.agencyType : null,
      country_code: values.constituency === 'ilo' ? null : values.countryCode,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new OrganisationExistsError()
  return row
}
