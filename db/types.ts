import { type ColumnType, type Insertable, type Selectable, type Updateable } from 'kysely'
import { type Narrowed, type WithTables } from './narrowing.ts'
import type * as Schema from './schema.generated.ts'
import {
  type Constituency,
  type GlobalRole,
  type Locale,
  type NotificationDelivery,
  type NotificationKind,
  type PlanRole,
  type PlanScope,
  type PlanStatus,
  type SecurityEventKind,
  type SignInFactor,
  type TripartiteConstituency,
} from '#core/vocabulary.ts'

// The tables come from db/schema.generated.ts, which `npm run db:types` generates from the
// migrations (ADR 041). Here they are only narrowed where the code knows more than the column
// types say: the values a CHECK constraint allows, the shape of JSON the portal writes, columns
// never updated. Each narrowing is checked against the generated column at compile time.

/** Set once, on insert (the default), and never updated. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** JSON the portal writes as JSON text (JSON.stringify) and reads without a fixed shape. */
type Json = ColumnType<unknown, string | undefined | null, string | null>

// The values the tables' CHECK constraints allow (plain text in the generated types), declared
// once in the domain vocabulary (ADR 042) and re-exported for the modules that read rows.
export type { Constituency, GlobalRole, Locale, PlanRole, PlanScope, PlanStatus } from '#core/vocabulary.ts'

export type OrganisationsTable = Narrowed<
  Schema.Organisations,
  {
    constituency: Constituency
    agency_type: 'labour_inspectorate' | 'other_agency' | null
    created_at: CreatedAt
  }
>

export type UsersTable = Narrowed<
  Schema.Users,
  {
    global_role: ColumnType<GlobalRole, GlobalRole | undefined, GlobalRole>
    locale: Locale | null
    created_at: CreatedAt
  }
>

export type SessionsTable = Narrowed<Schema.Sessions, { created_at: CreatedAt }>
export type InvitationsTable = Narrowed<Schema.Invitations, { created_at: CreatedAt }>
export type LoginAttemptsTable = Narrowed<
  Schema.LoginAttempts,
  { created_at: CreatedAt; factor: ColumnType<SignInFactor, SignInFactor | undefined, never> }
>
export type UserIdentitiesTable = Narrowed<Schema.UserIdentities, { created_at: CreatedAt }>
export type SignInPoliciesTable = Narrowed<Schema.SignInPolicies, { created_at: CreatedAt }>

/**
 * `submission` counts how many times the plan was submitted for review; endorsements name the
 * submission they endorse. `return_note` is why a reviewer returned the plan for changes, kept
 * until the plan is resubmitted.
 */
export type PlansTable = Narrowed<
  Schema.Plans,
  {
    scope: PlanScope
    working_language: Locale
    status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>
    created_at: CreatedAt
  }
>

export type PlanMembersTable = Narrowed<Schema.PlanMembers, { role: PlanRole; created_at: CreatedAt }>

export type ActivityEventsTable = Narrowed<
  Schema.ActivityEvents,
  { old_value: Json; new_value: Json; created_at: CreatedAt }
>

export type CollabDocumentsTable = Narrowed<Schema.CollabDocuments, { created_at: CreatedAt }>
export type CollabUpdatesTable = Narrowed<Schema.CollabUpdates, { created_at: CreatedAt }>
/** Whose connection first wrote under a Yjs client id in a document (ADR 062). */
export type CollabAuthorsTable = Narrowed<Schema.CollabAuthors, { created_at: CreatedAt }>

export type WorksheetItemsTable = Narrowed<
  Schema.WorksheetItems,
  { data: ColumnType<Record<string, unknown>, string, string>; created_at: CreatedAt }
>

export type ScoresTable = Schema.Scores

export type CommentsTable = Narrowed<
  Schema.Comments,
  { subject_type: 'item' | 'substep' | 'plan'; created_at: CreatedAt }
>

/** `override_reason` is the reviewer's written reason for approving without every constituency's endorsement. */
export type PlanVersionsTable = Narrowed<
  Schema.PlanVersions,
  {
    snapshot: ColumnType<PlanSnapshot, string, never>
    override_reason: ColumnType<string | null, string | null | undefined, never>
    created_at: CreatedAt
  }
>

/** `submission` is the submission (plans.submission) this decision is about. */
export type PlanEndorsementsTable = Narrowed<Schema.PlanEndorsements, { decision: 'endorse' | 'object' }>

/**
 * `period` as people write it (2026-Q2, 2026-05, 2026-H1, 2026 or a date), `period_end` its last
 * day, for ordering and charts. `value` is between -1e12 and 1e12 for rows written since
 * migration 2026_12_06_1030 (ADR 033).
 */
export type MeasurementsTable = Narrowed<Schema.Measurements, { created_at: CreatedAt }>

/** Each indicator's latest measurement, maintained by triggers on measurements. */
export type IndicatorLatestTable = Schema.IndicatorLatest

/** Dashboard figures per plan, kept by triggers (migration 1370, ADR 024). */
export type PlanSummariesTable = Schema.PlanSummaries

export type PlanLastActivityTable = Schema.PlanLastActivity

export type InspectionStatisticsTable = Schema.InspectionStatistics

/**
 * How often each piece of a plan's content changed, kept by triggers (migration 2026_12_06_1020,
 * ADR 037). `scope` is `kind:<worksheet kind>`, `scores:<scored kind>` or `notes:<sub-step>`.
 */
export type ContentRevisionsTable = Schema.ContentRevisions

/** Whether a sub-step's artefacts are complete, as the app's progress rules last found it. */
export type SubstepCompletionTable = Schema.SubstepCompletion

/**
 * Whether a plan's stored completeness is behind its content: `content` grows with every change to
 * its worksheet items or scores (in SQL, migration 2026_12_07_1130), `evaluated` is the `content` the
 * stored completeness was computed from. Stale while evaluated < content.
 */
export type CompletionGenerationsTable = Schema.CompletionGenerations

/**
 * One constituency's agreement (or reservation, with its reason) on a sub-step (ADR 037). `scopes`
 * are the content scopes the sign-off was given on; a change to any of them makes it stale.
 */
export type SubstepSignoffsTable = Narrowed<
  Schema.SubstepSignoffs,
  { constituency: TripartiteConstituency; decision: 'agree' | 'reserve' }
>

/**
 * The answer to the first submission of a form entry, by its author and key (ADR 039).
 * `fingerprint` is sha256 (hex) of the request path and form fields the key was first used with;
 * `answer` is set in the transaction that claimed the key, before it commits.
 */
export type IdempotencyKeysTable = Narrowed<Schema.IdempotencyKeys, { answer: Json; created_at: CreatedAt }>

/** What someone is told (issue 14); `email_state` moves pending -> queued | digest | skipped -> sent. */
export type NotificationsTable = Narrowed<
  Schema.Notifications,
  {
    kind: NotificationKind
    params: ColumnType<Record<string, unknown>, string | undefined, string>
    email_state: ColumnType<
      'pending' | 'queued' | 'digest' | 'sent' | 'skipped',
      'pending' | 'queued' | 'digest' | 'sent' | 'skipped' | undefined,
      'pending' | 'queued' | 'digest' | 'sent' | 'skipped'
    >
    created_at: CreatedAt
  }
>

export type NotificationPreferencesTable = Narrowed<
  Schema.NotificationPreferences,
  { kind: NotificationKind; delivery: NotificationDelivery }
>

/** Two-factor (ADR 064): the encrypted TOTP secret, hashed recovery codes, the pending second step, the log. */
export type TotpCredentialsTable = Narrowed<Schema.TotpCredentials, { created_at: CreatedAt }>
export type RecoveryCodesTable = Narrowed<Schema.RecoveryCodes, { created_at: CreatedAt }>
export type SignInChallengesTable = Narrowed<Schema.SignInChallenges, { created_at: CreatedAt }>
export type SecurityEventsTable = Narrowed<
  Schema.SecurityEvents,
  { kind: ColumnType<SecurityEventKind, SecurityEventKind, never>; created_at: CreatedAt }
>

/** The database as the Kysely client sees it: every generated table, narrowed as above. */
export type DB = WithTables<
  Schema.DB,
  {
    organisations: OrganisationsTable
    users: UsersTable
    sessions: SessionsTable
    invitations: InvitationsTable
    login_attempts: LoginAttemptsTable
    user_identities: UserIdentitiesTable
    sign_in_policies: SignInPoliciesTable
    plans: PlansTable
    plan_members: PlanMembersTable
    activity_events: ActivityEventsTable
    collab_documents: CollabDocumentsTable
    collab_updates: CollabUpdatesTable
    collab_authors: CollabAuthorsTable
    worksheet_items: WorksheetItemsTable
    comments: CommentsTable
    plan_versions: PlanVersionsTable
    plan_endorsements: PlanEndorsementsTable
    measurements: MeasurementsTable
    substep_signoffs: SubstepSignoffsTable
    idempotency_keys: IdempotencyKeysTable
    notifications: NotificationsTable
    notification_preferences: NotificationPreferencesTable
    totp_credentials: TotpCredentialsTable
    recovery_codes: RecoveryCodesTable
    sign_in_challenges: SignInChallengesTable
    security_events: SecurityEventsTable
  }
>

export type Organisation = Selectable<OrganisationsTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type Plan = Selectable<PlansTable>
export type NewPlan = Insertable<PlansTable>
export type PlanUpdate = Updateable<PlansTable>
export type PlanMember = Selectable<PlanMembersTable>
export type WorksheetItem = Selectable<WorksheetItemsTable>

/** What an approved version freezes: the plan, its team, every worksheet item and document text. */
export interface PlanSnapshot {
  plan: Record<string, unknown>
  team: { name: string; organisation: string; constituency: string; role: string }[]
  items: { id: string; kind: string; ref: string; position: number; data: Record<string, unknown> }[]
  /** `lexical` (the serialized editor state) is absent from versions frozen before it was kept. */
  documents: { name: string; plainText: string; lexical?: unknown }[]
  /** Every participant's scores (2.2, 4.2, 5.2); absent from versions frozen before scores were kept. */
  scores?: { subject_id: string; criterion: string; scorer_id: string; value: number; constituency: string }[]
  /** The endorsements of the approved submission, and the reviewer's reason if they approved without all of them. */
  approval?: ApprovalRecord
  /**
   * Each sub-step's completeness and the constituencies' sign-offs as they stood at approval (ADR
   * 037); absent from versions frozen before sign-offs were kept.
   */
  signoff?: SignoffRecord
}

/** What summariseSignoff needs, frozen: the same rule then gives the version's states and counts. */
export interface SignoffRecord {
  /** The sub-steps the progress rules found complete. */
  complete: string[]
  /** The tripartite constituencies the team represented (those that sign). */
  constituencies: string[]
  signoffs: {
    substep: string
    constituency: 'government' | 'workers' | 'employers'
    decision: 'agree' | 'reserve'
    reason: string | null
    /** ISO timestamps. */
    signedAt: string
    staleAt: string | null
    userName: string | null
    organisationName: string | null
    organisationAcronym: string | null
  }[]
}

export interface ApprovalRecord {
  submission: number
  endorsements: { organisation: string; constituency: string; decision: 'endorse' | 'object'; comment: string | null }[]
  overrideReason: string | null
}
