// Who is told about the review cycle, and with what (issue 14, ADR 061). Each producer runs in the
// transaction of the change that causes it (the lifecycle transition, the endorsement, the
// comment), so a change that rolls back tells nobody. Only active accounts that may still read the
// plan are told; nobody is told about their own action (insertMany skips the actor).
import { canOnPlan } from '#core/permissions.ts'
import { excerpt, type NotificationParams } from '#core/notifications.ts'
import { TRIPARTITE, type NotificationKind, type PlanRole, type TripartiteConstituency } from '#core/vocabulary.ts'
import { type Executor } from '../executor.ts'
import { insertMany, type NotificationInput } from './notifications.ts'

/**
 * The plan roles told about the plan's own course (returned, approved). Viewers are not: they take
 * no part in the work, and a notice is for something that needs the person (ADR 061).
 */
export const TEAM_ROLES_TOLD: readonly PlanRole[] = ['lead', 'coauthor', 'contributor']

interface Person {
  userId: string
  role: PlanRole
  organisation: string
  constituency: string
  organisationId: string
}

const reviewPath = (planId: string) => `/plans/${planId}/review`

/** A row of one kind, its params checked by the kind's type. */
function notice<K extends NotificationKind>(
  kind: K,
  userId: string,
  common: { planId: string; actorId: string; path: string; dedupeKey?: string },
  params: NotificationParams<K>,
): NotificationInput {
  // TypeScript cannot narrow a generic K to one member of the union; the signature checks the pair.
  return { kind, userId, ...common, params } as NotificationInput
}

async function planAndActor(db: Executor, planId: string, actorId: string) {
  const [plan, actor] = await Promise.all([
    db.selectFrom('plans').select('title').where('id', '=', planId).executeTakeFirstOrThrow(),
    db.selectFrom('users').select('name').where('id', '=', actorId).executeTakeFirst(),
  ])
  return { planTitle: plan.title, actorName: actor?.name ?? null }
}

/** The plan's active members in `roles` (every role when omitted), with their organisation. */
async function activeTeam(db: Executor, planId: string, roles?: readonly PlanRole[]): Promise<Person[]> {
  let query = db
    .selectFrom('plan_members')
    .innerJoin('users', 'users.id', 'plan_members.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id as userId',
      'plan_members.role',
      'organisations.id as organisationId',
      'organisations.constituency',
      'organisations.name',
      'organisations.acronym',
    ])
    .where('plan_members.plan_id', '=', planId)
    .where('users.is_active', '=', true)
  if (roles) query = query.where('plan_members.role', 'in', [...roles])
  const rows = await query.orderBy('users.id').execute()
  return rows.map((r) => ({
    userId: r.userId,
    role: r.role,
    organisationId: r.organisationId,
    constituency: r.constituency,
    organisation: r.acronym ?? r.name,
  }))
}

/** Active ILO reviewers who may approve or return this plan (core/permissions decides who reviews). */
async function activeReviewers(db: Executor, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('plan_members', (join) =>
      join.onRef('plan_members.user_id', '=', 'users.id').on('plan_members.plan_id', '=', planId),
    )
    .select(['users.id', 'users.global_role', 'plan_members.role'])
    .where('users.global_role', '=', 'ilo_reviewer')
    .where('users.is_active', '=', true)
    .orderBy('users.id')
    .execute()
  return rows.filter((r) => canOnPlan({ id: r.id, globalRole: r.global_role }, r.role, 'plan:approve')).map((r) => r.id)
}

/** Of `userIds`, the active accounts that may read the plan (members, or a global role that reads every plan). */
async function readers(db: Executor, planId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return []
  const rows = await db
    .selectFrom('users')
    .leftJoin('plan_members', (join) =>
      join.onRef('plan_members.user_id', '=', 'users.id').on('plan_members.plan_id', '=', planId),
    )
    .select(['users.id', 'users.global_role', 'plan_members.role'])
    .where('users.id', 'in', [...new Set(userIds)])
    .where('users.is_active', '=', true)
    .orderBy('users.id')
    .execute()
  return rows.filter((r) => canOnPlan({ id: r.id, globalRole: r.global_role }, r.role, 'plan:read')).map((r) => r.id)
}

const isTripartite = (c: string): c is TripartiteConstituency => (TRIPARTITE as readonly string[]).includes(c)

/**
 * A plan was submitted for review: the ILO reviewers are asked to review it, and the team members
 * of every tripartite organisation on the team who may endorse are asked for their endorsement
 * (every submission needs all three constituencies' endorsements again: a return clears them).
 */
export async function planSubmitted(db: Executor, input: { planId: string; actorId: string; submission: number }) {
  const base = await planAndActor(db, input.planId, input.actorId)
  const common = { planId: input.planId, actorId: input.actorId, path: reviewPath(input.planId) }
  const key = `plan:${input.planId}:submission:${input.submission}`
  const reviewers = await activeReviewers(db, input.planId)
  const endorsers = (await activeTeam(db, input.planId)).filter(
    (p) => isTripartite(p.constituency) && canOnPlan({ id: p.userId, globalRole: 'member' }, p.role, 'plan:endorse'),
  )
  return insertMany(db, [
    ...reviewers.map((userId) =>
      notice(
        'plan_submitted',
        userId,
        { ...common, dedupeKey: `${key}:review` },
        { ...base, submission: input.submission },
      ),
    ),
    ...endorsers.map((p) =>
      notice(
        'endorsement_requested',
        p.userId,
        { ...common, dedupeKey: `${key}:endorse` },
        {
          ...base,
          organisation: p.organisation,
          constituency: p.constituency as TripartiteConstituency,
          submission: input.submission,
        },
      ),
    ),
  ])
}

/** A reviewer returned the plan for changes: the team is told, with the reviewer's note. */
export async function planReturned(db: Executor, input: { planId: string; actorId: string; note: string }) {
  const base = await planAndActor(db, input.planId, input.actorId)
  const common = { planId: input.planId, actorId: input.actorId, path: reviewPath(input.planId) }
  const team = await activeTeam(db, input.planId, TEAM_ROLES_TOLD)
  return insertMany(
    db,
    team.map((p) => notice('plan_returned', p.userId, common, { ...base, note: excerpt(input.note) })),
  )
}

/**
 * The plan was approved as `version`. With an override (endorsements missing or an objection,
 * approved with the reviewer's reason) the team and every member of the organisations whose
 * endorsement was missing or who objected are told of the override, which says it was approved;
 * otherwise the team is told of the approval. One notice per person either way.
 */
export async function planApproved(
  db: Executor,
  input: {
    planId: string
    actorId: string
    version: number
    override: { reason: string; missing: TripartiteConstituency[] } | null
  },
) {
  const base = await planAndActor(db, input.planId, input.actorId)
  const common = {
    planId: input.planId,
    actorId: input.actorId,
    path: reviewPath(input.planId),
    dedupeKey: `plan:${input.planId}:version:${input.version}`,
  }
  const team = await activeTeam(db, input.planId)
  const told = team.filter((p) => TEAM_ROLES_TOLD.includes(p.role))
  if (!input.override) {
    return insertMany(
      db,
      told.map((p) => notice('plan_approved', p.userId, common, { ...base, version: input.version })),
    )
  }
  const objecting = await db
    .selectFrom('plan_endorsements')
    .innerJoin('organisations', 'organisations.id', 'plan_endorsements.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.acronym'])
    .where('plan_endorsements.plan_id', '=', input.planId)
    .where('plan_endorsements.decision', '=', 'object')
    .orderBy('organisations.name')
    .execute()
  const objectingIds = new Set(objecting.map((o) => o.id))
  const missing = new Set<string>(input.override.missing)
  const concerned = team.filter((p) => missing.has(p.constituency) || objectingIds.has(p.organisationId))
  const people = [...new Set([...told, ...concerned].map((p) => p.userId))]
  const params = {
    ...base,
    version: input.version,
    reason: excerpt(input.override.reason),
    missing: input.override.missing,
    objections: objecting.map((o) => o.acronym ?? o.name),
  }
  return insertMany(
    db,
    people.map((userId) => notice('endorsement_overridden', userId, common, params)),
  )
}

/** An organisation endorsed the plan or objected to it: the plan's leads and the ILO reviewers are told. */
export async function endorsementRecorded(
  db: Executor,
  input: {
    planId: string
    actorId: string
    organisationId: string
    decision: 'endorse' | 'object'
    comment: string | null
  },
) {
  const base = await planAndActor(db, input.planId, input.actorId)
  const org = await db
    .selectFrom('organisations')
    .select(['name', 'acronym', 'constituency'])
    .where('id', '=', input.organisationId)
    .executeTakeFirstOrThrow()
  if (!isTripartite(org.constituency)) return []
  const leads = (await activeTeam(db, input.planId, ['lead'])).map((p) => p.userId)
  const reviewers = await activeReviewers(db, input.planId)
  const params = {
    ...base,
    organisation: org.acronym ?? org.name,
    constituency: org.constituency,
    decision: input.decision,
    comment: input.comment ? excerpt(input.comment) : null,
  }
  const common = { planId: input.planId, actorId: input.actorId, path: reviewPath(input.planId) }
  return insertMany(
    db,
    [...new Set([...leads, ...reviewers])].map((userId) => notice('endorsement_recorded', userId, common, params)),
  )
}

/**
 * A comment was posted. A review comment (an ILO reviewer's, opening a thread) tells the authors of
 * what it is about: a record's author, or the plan's leads for a sub-step or the plan itself (they
 * resolve review comments). A reply tells the author of the comment it answers, and, in a review
 * thread, the authors of what the review is about too. Each person once per comment; an ordinary
 * discussion comment tells nobody (an @mention does, through its own producer).
 */
export async function commentPosted(
  db: Executor,
  input: {
    planId: string
    commentId: string
    actorId: string
    subjectType: 'item' | 'substep' | 'plan'
    subjectId: string
    parentId: string | null
    isReview: boolean
    body: string
    /** How the thread's subject is named: a record's code (I1), a sub-step's code (2.2); null for the plan. */
    ref: string | null
    /** The page that shows the thread. */
    path: string
  },
) {
  const parent = input.parentId
    ? await db
        .selectFrom('comments')
        .select(['author_id', 'is_review'])
        .where('plan_id', '=', input.planId)
        .where('id', '=', input.parentId)
        .executeTakeFirst()
    : undefined
  const aboutTheSubject = input.isReview || parent?.is_review === true
  const candidates = [
    ...(parent?.author_id ? [parent.author_id] : []),
    ...(aboutTheSubject ? await subjectAuthors(db, input.planId, input.subjectType, input.subjectId) : []),
  ]
  const people = await readers(db, input.planId, candidates)
  const base = await planAndActor(db, input.planId, input.actorId)
  const params = {
    ...base,
    subject: input.subjectType,
    ref: input.ref,
    reply: input.parentId !== null,
    excerpt: excerpt(input.body),
  }
  const common = {
    planId: input.planId,
    actorId: input.actorId,
    path: input.path,
    // The same key as an @mention of the same comment, so that a person is told once per comment.
    dedupeKey: `comment:${input.commentId}`,
  }
  return insertMany(
    db,
    people.map((userId) => notice('review_comment', userId, common, params)),
  )
}

/** Who wrote what a thread is about: a record's author; for a sub-step or the plan, its active leads. */
async function subjectAuthors(db: Executor, planId: string, subjectType: string, subjectId: string) {
  if (subjectType === 'item') {
    const item = await db
      .selectFrom('worksheet_items')
      .select('created_by')
      .where('plan_id', '=', planId)
      .where('id', '=', subjectId)
      .executeTakeFirst()
    return item?.created_by ? [item.created_by] : []
  }
  return (await activeTeam(db, planId, ['lead'])).map((p) => p.userId)
}
