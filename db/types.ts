import { type ColumnType, type Generated, type Insertable, type Selectable, type Updateable } from 'kysely'

// Hand-kept to match db/migrations; db/schema.test.ts fails when a table or column drifts.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Json = ColumnType<unknown, string | undefined | null, string | null>

export type Constituency = 'government' | 'workers' | 'employers' | 'ilo' | 'other'
export type GlobalRole = 'admin' | 'ilo_reviewer' | 'member'
export type PlanRole = 'lead' | 'coauthor' | 'contributor' | 'viewer'
export type PlanScope = 'national' | 'regional' | 'sectoral'
export type PlanStatus = 'draft' | 'in_review' | 'approved' | 'implementing' | 'completed' | 'archived'
export type Locale = 'en' | 'fr' | 'es'

export interface OrganisationsTable {
  id: Generated<string>
  name: string
  acronym: string | null
  constituency: Constituency
  agency_type: 'labour_inspectorate' | 'other_agency' | null
  country_code: string | null
  created_at: CreatedAt
}

export interface UsersTable {
  id: Generated<string>
  email: string
  name: string
  organisation_id: string
  global_role: ColumnType<GlobalRole, GlobalRole | undefined, GlobalRole>
  locale: Locale | null
  password_hash: string | null
  is_active: ColumnType<boolean, boolean | undefined, boolean>
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface SessionsTable {
  id_hash: string
  user_id: string
  created_at: CreatedAt
  last_seen_at: Timestamp
  expires_at: Date | string
  user_agent: string | null
  ip: string | null
}

export interface InvitationsTable {
  id: Generated<string>
  token_hash: string
  user_id: string
  created_by: string | null
  created_at: CreatedAt
  expires_at: Date | string
  used_at: Date | string | null
}

export interface LoginAttemptsTable {
  id: Generated<number>
  email: string
  ip: string
  success: boolean
  created_at: CreatedAt
}

export interface PlansTable {
  id: Generated<string>
  title: string
  country_code: string
  region: string | null
  sectors: string[]
  scope: PlanScope
  start_date: string
  end_date: string
  working_language: Locale
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>
  version: ColumnType<number, number | undefined, number>
  created_by: string | null
  created_at: CreatedAt
  updated_at: Timestamp
  /** How many times the plan was submitted for review; endorsements name the submission they endorse. */
  submission: ColumnType<number, number | undefined, number>
  /** Why a reviewer returned the plan for changes; kept until the plan is resubmitted. */
  return_note: ColumnType<string | null, string | null | undefined, string | null>
  returned_by: ColumnType<string | null, string | null | undefined, string | null>
  returned_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface PlanMembersTable {
  plan_id: string
  user_id: string
  role: PlanRole
  added_by: string | null
  created_at: CreatedAt
}

export interface ActivityEventsTable {
  id: Generated<number>
  plan_id: string
  actor_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  old_value: Json
  new_value: Json
  created_at: CreatedAt
}

export interface DB {
  organisations: OrganisationsTable
  users: UsersTable
  sessions: SessionsTable
  invitations: InvitationsTable
  login_attempts: LoginAttemptsTable
  plans: PlansTable
  plan_members: PlanMembersTable
  activity_events: ActivityEventsTable
  collab_documents: CollabDocumentsTable
  collab_updates: CollabUpdatesTable
  worksheet_items: WorksheetItemsTable
  scores: ScoresTable
  comments: CommentsTable
  plan_versions: PlanVersionsTable
  plan_endorsements: PlanEndorsementsTable
  measurements: MeasurementsTable
  indicator_latest: IndicatorLatestTable
  inspection_statistics: InspectionStatisticsTable
  plan_summaries: PlanSummariesTable
  plan_last_activity: PlanLastActivityTable
  content_revisions: ContentRevisionsTable
  substep_completion: SubstepCompletionTable
  completion_generations: CompletionGenerationsTable
  substep_signoffs: SubstepSignoffsTable
  idempotency_keys: IdempotencyKeysTable
}

export type Organisation = Selectable<OrganisationsTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type Plan = Selectable<PlansTable>
export type NewPlan = Insertable<PlansTable>
export type PlanUpdate = Updateable<PlansTable>
export type PlanMember = Selectable<PlanMembersTable>

export interface CollabDocumentsTable {
  name: string
  plan_id: string
  state: Uint8Array
  last_seq: ColumnType<number, number | undefined, number>
  byte_size: ColumnType<number, number | undefined, number>
  plain_text: ColumnType<string, string | undefined, string>
  html: ColumnType<string, string | undefined, string>
  created_at: CreatedAt
  compacted_at: Timestamp
}

export interface CollabUpdatesTable {
  seq: Generated<number>
  doc_name: string
  update: Uint8Array
  created_at: CreatedAt
}

export interface WorksheetItemsTable {
  id: Generated<string>
  plan_id: string
  kind: string
  ref: string
  position: number
  data: ColumnType<Record<string, unknown>, string, string>
  version: ColumnType<number, number | undefined, number>
  created_by: string | null
  updated_by: string | null
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface ScoresTable {
  plan_id: string
  subject_id: string
  criterion: string
  scorer_id: string
  value: number
  updated_at: Timestamp
}

export interface CommentsTable {
  id: Generated<string>
  plan_id: string
  subject_type: 'item' | 'substep' | 'plan'
  subject_id: string
  parent_id: string | null
  author_id: string | null
  body: string
  is_review: ColumnType<boolean, boolean | undefined, boolean>
  resolved_at: Date | string | null
  resolved_by: string | null
  created_at: CreatedAt
}

export type WorksheetItem = Selectable<WorksheetItemsTable>

export interface PlanVersionsTable {
  id: Generated<string>
  plan_id: string
  number: number
  snapshot: ColumnType<PlanSnapshot, string, never>
  approved_by: string | null
  note: string | null
  /** The reviewer's written reason for approving without every constituency's endorsement. */
  override_reason: ColumnType<string | null, string | null | undefined, never>
  created_at: CreatedAt
}

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

export interface PlanEndorsementsTable {
  plan_id: string
  organisation_id: string
  decision: 'endorse' | 'object'
  comment: string | null
  version_number: number | null
  /** The submission (plans.submission) this decision is about. */
  submission: ColumnType<number | null, number | null | undefined, number | null>
  user_id: string | null
  updated_at: Timestamp
}

export interface MeasurementsTable {
  id: Generated<string>
  plan_id: string
  indicator_id: string
  /** As people write it: 2026-Q2, 2026-05, 2026-H1, 2026 or a date. */
  period: string
  /** The last day of the period, for ordering and charts. */
  period_end: string
  /** Between -1e12 and 1e12 for rows written since migration 2026_12_06_1030 (ADR 033). */
  value: number
  note: string | null
  evidence_source: string | null
  recorded_by: string | null
  created_at: CreatedAt
}

/** Each indicator's latest measurement, maintained by triggers on measurements. */
export interface IndicatorLatestTable {
  indicator_id: string
  plan_id: string
  period: string
  period_end: string
  value: number
}

/** Dashboard figures per plan, kept by triggers (migration 1370, ADR 024). */
export interface PlanSummariesTable {
  plan_id: string
  kinds: Generated<string[]>
  issue_title: string | null
  issue_type: string | null
  open_reviews: Generated<number>
  endorsed: Generated<string[]>
  objected: Generated<string[]>
  indicators: Generated<number>
  on_track: Generated<number>
  compliance_change: number | null
  workers_reached: Generated<number>
}

export interface PlanLastActivityTable {
  plan_id: string
  at: Date
}

export interface InspectionStatisticsTable {
  country_code: string
  year: number
  inspectors: number | null
  inspectors_women: number | null
  inspectors_per_10000: number | null
  visits: number | null
  visits_per_inspector: number | null
  registered_workplaces: number | null
  source: string | null
  updated_by: string | null
  updated_at: Timestamp
}

/** How often each piece of a plan's content changed, kept by triggers (migration 2026_12_06_1020, ADR 037). */
export interface ContentRevisionsTable {
  plan_id: string
  /** `kind:<worksheet kind>`, `scores:<scored kind>` or `notes:<sub-step>`. */
  scope: string
  revision: Generated<number>
  changed_at: Generated<Date>
}

/** Whether a sub-step's artefacts are complete, as the app's progress rules last found it. */
export interface SubstepCompletionTable {
  plan_id: string
  substep: string
  complete: boolean
  updated_at: Timestamp
}

/**
 * Whether a plan's stored completeness is behind its content: `content` grows with every change to
 * its worksheet items or scores (in SQL, migration 2026_12_07_1130), `evaluated` is the `content` the
 * stored completeness was computed from. Stale while evaluated < content.
 */
export interface CompletionGenerationsTable {
  plan_id: string
  content: ColumnType<string, string | number | undefined, string | number>
  evaluated: ColumnType<string, string | number | undefined, string | number>
}

/** One constituency's agreement (or reservation, with its reason) on a sub-step (ADR 037). */
export interface SubstepSignoffsTable {
  plan_id: string
  substep: string
  constituency: 'government' | 'workers' | 'employers'
  decision: 'agree' | 'reserve'
  reason: string | null
  organisation_id: string | null
  user_id: string | null
  /** The content scopes the sign-off was given on; a change to any of them makes it stale. */
  scopes: string[]
  signed_at: Timestamp
  stale_at: Date | string | null
}

/** The answer to the first submission of a form entry, by its author and key (ADR 039). */
export interface IdempotencyKeysTable {
  user_id: string
  key: string
  /** sha256 (hex) of the request path and form fields the key was first used with. */
  fingerprint: string
  /** Set in the transaction that claimed the key, before it commits. */
  answer: Json
  created_at: CreatedAt
}
