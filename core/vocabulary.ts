// The portal's domain vocabulary, declared once for every process (web app, collab-server, db,
// seed). Each list is a `const` array and its type is derived from it, so a value added here
// reaches the zod enums, the UI choices and the type checks together. Pure data: no imports.
// db/types.ts narrows the generated table types with these unions.

/** A plan's lifecycle states (ADR 009). */
export const PLAN_STATUSES = ['draft', 'in_review', 'approved', 'implementing', 'completed', 'archived'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

export const PLAN_SCOPES = ['national', 'regional', 'sectoral'] as const
export type PlanScope = (typeof PLAN_SCOPES)[number]

/** The portal's languages: the interface, a plan's working language, the exports. */
export const LOCALES = ['en', 'fr', 'es'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'en'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** What an organisation is; the first three are the ILO's tripartite constituents. */
export const CONSTITUENCIES = ['government', 'workers', 'employers', 'ilo', 'other'] as const
export type Constituency = (typeof CONSTITUENCIES)[number]

/** The three constituencies a plan needs to be tripartite, and the three that sign its sub-steps. */
export const TRIPARTITE = ['government', 'workers', 'employers'] as const satisfies readonly Constituency[]
export type TripartiteConstituency = (typeof TRIPARTITE)[number]

/** Portal-wide roles of an account. */
export const GLOBAL_ROLES = ['admin', 'ilo_reviewer', 'member'] as const
export type GlobalRole = (typeof GLOBAL_ROLES)[number]

/** Roles on a plan's team. */
export const PLAN_ROLES = ['lead', 'coauthor', 'contributor', 'viewer'] as const
export type PlanRole = (typeof PLAN_ROLES)[number]

/** How a co-edited document is opened: read-write or read-only. */
export const ACCESS_MODES = ['rw', 'ro'] as const
export type AccessMode = (typeof ACCESS_MODES)[number]

/**
 * What a person can be told about (issue 14). Each has its own choice of delivery; invitations,
 * password resets and security messages are not among them because they always go.
 */
export const NOTIFICATION_KINDS = [
  'plan_submitted',
  'plan_returned',
  'plan_approved',
  'endorsement_requested',
  'endorsement_recorded',
  'endorsement_overridden',
  'review_comment',
  'mention',
  'measurement_due',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** How a kind of notification reaches someone by email; the in-portal list always shows it. */
export const NOTIFICATION_DELIVERIES = ['instant', 'daily', 'off'] as const
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number]
export const DEFAULT_NOTIFICATION_DELIVERY: NotificationDelivery = 'instant'

/**
 * What is recorded in a person's own security log (ADR 064), shown on their two-factor page.
 * These are the "security messages" that always go by email; the mail side reads them from
 * `security_events`.
 */
export const SECURITY_EVENT_KINDS = [
  'two_factor_enabled',
  'two_factor_disabled',
  'recovery_codes_regenerated',
  'recovery_code_used',
  'two_factor_reset',
  'password_changed',
] as const
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number]

/** Which factor a sign-in attempt tested: throttled alike, counted apart (ADR 015, ADR 064). */
export const SIGN_IN_FACTORS = ['password', 'second_factor'] as const
export type SignInFactor = (typeof SIGN_IN_FACTORS)[number]
