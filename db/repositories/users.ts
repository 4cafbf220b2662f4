import { type Executor } from '../executor.ts'
import { type GlobalRole, type Locale } from '../types.ts'

const userColumns = [
  'users.id',
  'users.email',
  'users.name',
  'users.global_role',
  'users.locale',
  'users.is_active',
  'users.organisation_id',
  'organisations.name as organisation_name',
  'organisations.acronym as organisation_acronym',
  'organisations.constituency',
  'organisations.country_code as organisation_country',
] as const

/** An active user with their organisation and whether their second factor is on, or undefined. */
export function findActiveById(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(userColumns)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('totp_credentials')
            .select('totp_credentials.user_id')
            .whereRef('totp_credentials.user_id', '=', 'users.id')
            .where('totp_credentials.enabled_at', 'is not', null),
        )
        // PostgreSQL returns a boolean; Kysely types EXISTS for every dialect (number on MySQL).
        .$castTo<boolean>()
        .as('has_second_factor'),
    )
    .where('users.id', '=', id)
    .where('users.is_active', '=', true)
    .executeTakeFirst()
}

/** Credentials for sign-in, matched case-insensitively on email. */
export function findCredentialsByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'is_active'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst()
}

/** Every user with their organisation, for the administrator and the member picker. */
export function findAll(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      ...userColumns,
      'users.created_at',
      (eb) => eb('users.password_hash', 'is not', null).as('has_password'),
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('totp_credentials')
              .select('totp_credentials.user_id')
              .whereRef('totp_credentials.user_id', '=', 'users.id')
              .where('totp_credentials.enabled_at', 'is not', null),
          )
          .$castTo<boolean>()
          .as('has_second_factor'),
    ])
    .orderBy('users.name')
    .execute()
}

export async function existsByEmail(db: Executor, email: string) {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst()
  return row !== undefined
}

export class EmailTakenError extends Error {
  constructor() {
    super('An account with this email address already exists')
  }
}

/** Creates a user; throws EmailTakenError when the email (in any case) is already in use. */
export async function insert(
  db: Executor,
  values: {
    email: string
    name: string
    organisationId: string
    globalRole: GlobalRole
    passwordHash?: string | null
    locale?: Locale | null
  },
) {
  // DO NOTHING rather than a unique-violation error, which would abort the caller's transaction.
  const row = await db
    .insertInto('users')
    .values({
      email: values.email.trim(),
      name: values.name.trim(),
      organisation_id: values.organisationId,
      global_role: values.globalRole,
      password_hash: values.passwordHash ?? null,
      locale: values.locale ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'email', 'name'])
    .executeTakeFirst()
  if (!row) throw new EmailTakenError()
  return row
}

export async function updatePassword(db: Executor, id: string, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}

export async function updateLocale(db: Executor, id: string, locale: Locale) {
  await db.updateTable('users').set({ locale, updated_at: new Date() }).where('id', '=', id).execute()
}

export async function updateActive(db: Executor, id: string, isActive: boolean) {
  await db.updateTable('users').set({ is_active: isActive, updated_at: new Date() }).where('id', '=', id).execute()
}

/** Active users who could join a plan in this country (its organisations and the ILO) and are not on it yet. */
export function findCandidatesForPlan(db: Executor, planId: string, countryCode: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'organisations.name as organisation_name',
      'organisations.acronym as organisation_acronym',
      'organisations.constituency',
    ])
    .where('users.is_active', '=', true)
    .where((eb) =>
      eb.or([eb('organisations.country_code', '=', countryCode), eb('organisations.constituency', '=', 'ilo')]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('plan_members')
            .select('user_id')
            .whereRef('plan_members.user_id', '=', 'users.id')
            .where('plan_members.plan_id', '=', planId),
        ),
      ),
    )
    .orderBy('organisations.name')
    .orderBy('users.name')
    .execute()
}

/** A user by id whether active or not, for administration. */
export function findById(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'is_active', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst()
}
