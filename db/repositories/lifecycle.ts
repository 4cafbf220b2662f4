import { sql } from 'kysely'
import { StaleRecordError, withTransaction, type Executor } from '../executor.ts'
import { TRIPARTITE, type TripartiteConstituency } from '#core/vocabulary.ts'
import { type ApprovalRecord, type PlanSnapshot, type PlanStatus, type SignoffRecord } from '../types.ts'
import * as ActivityRepository from './activity.ts'
import * as CommentRepository from './comments.ts'
import { planFacts } from './plans.ts'
import * as ReviewNotifications from './review-notifications.ts'
import * as SignoffRepository from './signoffs.ts'

/** What stands between a plan in review and its approval (ADR 009); nothing when every list is empty. */
export interface ApprovalReadiness {
  /** Constituencies of the tripartite plan without an endorsement of this submission. */
  missingEndorsements: TripartiteConstituency[]
  /** Of those, the ones with no organisation on the team at all. */
  absentFromTeam: TripartiteConstituency[]
  objections: { organisation: string; constituency: string; comment: string | null }[]
  openReviewComments: number
}

export const isReady = (r: ApprovalReadiness) =>
  r.missingEndorsements.length === 0 && r.objections.length === 0 && r.openReviewComments === 0

/** Thrown by `transition` when approval is refused: the readiness names what is missing. */
export class ApprovalBlockedError extends Error {
  constructor(public readonly readiness: ApprovalReadiness) {
    super('The plan is not ready for approval')
  }
}

/** Endorsements, objections and open review comments of the submission under review. */
export async function approvalReadiness(db: Executor, planId: string): Promise<ApprovalReadiness> {
  const [endorsements, reviews] = await Promise.all([
    findEndorsements(db, planId),
    CommentRepository.countOpenReviews(db, planId),
  ])
  const endorsed = new Set(endorsements.filter((e) => e.decision === 'endorse').map((e) => e.constituency))
  const onTeam = new Set(endorsements.map((e) => e.constituency))
  const missingEndorsements = TRIPARTITE.filter((c) => !endorsed.has(c))
  return {
    missingEndorsements,
    absentFromTeam: missingEndorsements.filter((c) => !onTeam.has(c)),
    objections: endorsements
      .filter((e) => e.decision === 'object')
      .map((e) => ({
        organisation: e.acronym ?? e.organisation_name,
        constituency: e.constituency,
        comment: e.comment,
      })),
    openReviewComments: reviews.total,
  }
}

/**
 * Moves a plan from `from` to `to`, refusing (StaleRecordError with the current plan) if someone
 * changed its status meanwhile. Submitting numbers the submission and clears a return note;
 * returning keeps the note on the plan; any way back to draft clears the endorsements, which were
 * of a text that may now change. Approving is refused (ApprovalBlockedError) unless the plan is
 * ready or the reviewer wrote an `overrideReason`, and freezes the next immutable version with the
 * endorsements it had, all in one transaction under the plan's row lock.
 */
export function transition(
  db: Executor,
  input: {
    planId: string
    from: PlanStatus
    to: PlanStatus
    actorId: string
    note: string | null
    /** The transition's name (lifecycle.ts), recorded so that the history can say "returned for changes". */
    name?: string
    overrideReason?: string | null
    documents?: PlanSnapshot['documents']
    /**
     * The sub-steps complete now, by the app's progress rules (ADR 037), frozen with the version's
     * sign-offs; without it the stored completeness is used.
     */
    complete?: string[]
  },
) {
  return withTransaction(db, async (trx) => {
    const plan = await trx
      .selectFrom('plans')
      .selectAll()
      .where('id', '=', input.planId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (plan.status !== input.from) throw new StaleRecordError(plan)
    const now = new Date()
    let readiness: ApprovalReadiness | null = null
    if (input.to === 'approved') {
      readiness = await approvalReadiness(trx, input.planId)
      if (!isReady(readiness) && !input.overrideReason) throw new ApprovalBlockedError(readiness)
    }
    const returning = input.name === 'returnForChanges'
    await trx
      .updateTable('plans')
      .set({
        status: input.to,
        version: plan.version + 1,
        updated_at: now,
        ...(input.to === 'in_review'
          ? { submission: plan.submission + 1, return_note: null, returned_by: null, returned_at: null }
          : {}),
        ...(returning ? { return_note: input.note, returned_by: input.actorId, returned_at: now } : {}),
      })
      .where('id', '=', input.planId)
      .execute()
    if (input.to === 'draft') await clearEndorsements(trx, input.planId, input.actorId)
    let versionNumber: number | null = null
    const overrideReason = readiness && !isReady(readiness) ? (input.overrideReason ?? null) : null
    if (input.to === 'approved') {
      const last = await trx
        .selectFrom('plan_versions')
        .select(sql<number>`coalesce(max(number), 0)`.as('n'))
        .where('plan_id', '=', input.planId)
        .executeTakeFirstOrThrow()
      versionNumber = Number(last.n) + 1
      const snapshot = await buildSnapshot(trx, input.planId, input.documents)
      snapshot.approval = {
        submission: plan.submission,
        endorsements: await endorsementRecord(trx, input.planId),
        overrideReason,
      }
      // Who agreed to what, as it stands at this moment: later sign-offs in a new draft never touch it.
      snapshot.signoff = await signoffRecord(trx, input.planId, input.complete)
      await trx
        .insertInto('plan_versions')
        .values({
          plan_id: input.planId,
          number: versionNumber,
          snapshot: JSON.stringify(snapshot),
          approved_by: input.actorId,
          note: input.note,
          override_reason: overrideReason,
        })
        .execute()
      // The endorsements of this submission are now endorsements of this version.
      await trx
        .updateTable('plan_endorsements')
        .set({ version_number: versionNumber })
        .where('plan_id', '=', input.planId)
        .execute()
    }
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'status_changed',
      entityType: 'plan',
      entityId: input.planId,
      oldValue: { status: input.from },
      newValue: {
        status: input.to,
        note: input.note,
        version: versionNumber,
        transition: input.name ?? null,
        ...(overrideReason && readiness ? { overrideReason, missing: readiness } : {}),
      },
    })
    // Told in this transaction: a transition that fails or rolls back tells nobody (ADR 061).
    const who = { planId: input.planId, actorId: input.actorId }
    if (input.to === 'in_review')
      await ReviewNotifications.planSubmitted(trx, { ...who, submission: plan.submission + 1 })
    else if (returning) await ReviewNotifications.planReturned(trx, { ...who, note: input.note ?? '' })
    else if (versionNumber !== null)
      await ReviewNotifications.planApproved(trx, {
        ...who,
        version: versionNumber,
        override:
          overrideReason && readiness ? { reason: overrideReason, missing: readiness.missingEndorsements } : null,
      })
    return { versionNumber }
  })
}

/** Removes the plan's endorsements and objections, each with a history entry saying so. */
async function clearEndorsements(trx: Executor, planId: string, actorId: string) {
  const cleared = await trx
    .deleteFrom('plan_endorsements')
    .where('plan_id', '=', planId)
    .returning(['organisation_id', 'decision', 'comment', 'submission', 'version_number'])
    .execute()
  for (const e of cleared) {
    await ActivityRepository.insert(trx, {
      planId,
      actorId,
      action: 'cleared',
      entityType: 'endorsement',
      entityId: e.organisation_id,
      oldValue: {
        decision: e.decision,
        comment: e.comment,
        submission: e.submission,
        version: e.version_number,
        organisation: await organisationLabel(trx, e.organisation_id),
      },
    })
  }
}

async function organisationLabel(db: Executor, organisationId: string) {
  const o = await db
    .selectFrom('organisations')
    .select(['name', 'acronym'])
    .where('id', '=', organisationId)
    .executeTakeFirst()
  return o ? (o.acronym ?? o.name) : null
}

async function endorsementRecord(db: Executor, planId: string): Promise<ApprovalRecord['endorsements']> {
  const rows = await findEndorsements(db, planId)
  return rows.flatMap((e) =>
    e.decision
      ? [
          {
            organisation: e.acronym ?? e.organisation_name,
            constituency: e.constituency,
            decision: e.decision,
            comment: e.comment,
          },
        ]
      : [],
  )
}

/** The sub-steps' completeness and every sign-off with who gave it, read in the approving transaction. */
export async function signoffRecord(db: Executor, planId: string, complete?: string[]): Promise<SignoffRecord> {
  const [rows, teams, stored] = await Promise.all([
    SignoffRepository.findByPlans(db, [planId]),
    SignoffRepository.findTeamConstituencies(db, [planId]),
    complete ? Promise.resolve(null) : SignoffRepository.findCompletion(db, [planId]),
  ])
  const iso = (d: Date | string) => new Date(d).toISOString()
  return {
    complete: [...(complete ?? stored?.get(planId) ?? [])].sort(),
    constituencies: [...(teams.get(planId) ?? [])].sort(),
    signoffs: rows.map((r) => ({
      substep: r.substep,
      constituency: r.constituency,
      decision: r.decision,
      reason: r.reason,
      signedAt: iso(r.signed_at),
      staleAt: r.stale_at ? iso(r.stale_at) : null,
      userName: r.user_name,
      organisationName: r.organisation_name,
      organisationAcronym: r.organisation_acronym,
    })),
  }
}

/**
 * Everything an approved version freezes: metadata, team, worksheet items and documents. The
 * caller should pass the documents as they are now (snapshot plus update log, read through
 * Lexical); without them the stored renderings are used, which lag behind until compaction.
 */
export async function buildSnapshot(
  db: Executor,
  planId: string,
  current?: PlanSnapshot['documents'],
): Promise<PlanSnapshot> {
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow()
  const team = await db
    .selectFrom('plan_members')
    .innerJoin('users', 'users.id', 'plan_members.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.name', 'organisations.name as organisation', 'organisations.constituency', 'plan_members.role'])
    .where('plan_members.plan_id', '=', planId)
    .orderBy('users.name')
    .execute()
  const items = await db
    .selectFrom('worksheet_items')
    .select(['id', 'kind', 'ref', 'position', 'data'])
    .where('plan_id', '=', planId)
    .orderBy('kind')
    .orderBy('position')
    .execute()
  const documents =
    current ??
    (
      await db
        .selectFrom('collab_documents')
        .select(['name', 'plain_text'])
        .where('plan_id', '=', planId)
        .orderBy('name')
        .execute()
    ).map((d) => ({
      name: d.name,
      plainText: d.plain_text,
    }))
  // Scores too, so that an exported version shows the rankings the team approved.
  const scores = await db
    .selectFrom('scores')
    .innerJoin('users', 'users.id', 'scores.scorer_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['scores.subject_id', 'scores.criterion', 'scores.scorer_id', 'scores.value', 'organisations.constituency'])
    .where('scores.plan_id', '=', planId)
    .orderBy('scores.subject_id')
    .orderBy('scores.criterion')
    .orderBy('scores.scorer_id')
    .execute()
  return {
    plan: planFacts(plan),
    team,
    items,
    documents,
    scores,
  }
}

/** The approved versions of a plan, newest first, without their (large) snapshots. */
export function findVersions(db: Executor, planId: string) {
  return db
    .selectFrom('plan_versions')
    .leftJoin('users', 'users.id', 'plan_versions.approved_by')
    .select([
      'plan_versions.number',
      'plan_versions.note',
      'plan_versions.override_reason',
      'plan_versions.created_at',
      'users.name as approved_by_name',
    ])
    .where('plan_versions.plan_id', '=', planId)
    .orderBy('plan_versions.number', 'desc')
    .execute()
}

/** One approved version with its snapshot, only if it belongs to this plan. */
export function findVersion(db: Executor, planId: string, number: number) {
  return db
    .selectFrom('plan_versions')
    .leftJoin('users', 'users.id', 'plan_versions.approved_by')
    .select([
      'plan_versions.number',
      'plan_versions.snapshot',
      'plan_versions.note',
      'plan_versions.override_reason',
      'plan_versions.created_at',
      'users.name as approved_by_name',
    ])
    .where('plan_versions.plan_id', '=', planId)
    .where('plan_versions.number', '=', number)
    .executeTakeFirst()
}

/** The organisations on the plan's team with their endorsement, if they recorded one. */
export function findEndorsements(db: Executor, planId: string) {
  return db
    .selectFrom('organisations')
    .leftJoin('plan_endorsements', (join) =>
      join
        .onRef('plan_endorsements.organisation_id', '=', 'organisations.id')
        .on('plan_endorsements.plan_id', '=', planId),
    )
    .leftJoin('users', 'users.id', 'plan_endorsements.user_id')
    .select([
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
      'organisations.acronym',
      'organisations.constituency',
      'plan_endorsements.decision',
      'plan_endorsements.comment',
      'plan_endorsements.version_number',
      'plan_endorsements.submission',
      'plan_endorsements.updated_at',
      'users.name as recorded_by',
    ])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('plan_members')
          .innerJoin('users as u', 'u.id', 'plan_members.user_id')
          .select('plan_members.user_id')
          .where('plan_members.plan_id', '=', planId)
          .whereRef('u.organisation_id', '=', 'organisations.id'),
      ),
    )
    .orderBy('organisations.constituency')
    .orderBy('organisations.name')
    .execute()
}

/** Plan statuses in which there is a submitted (or approved) text to endorse or object to. */
export const ENDORSABLE: readonly PlanStatus[] = ['in_review', 'approved', 'implementing', 'completed']

/** Thrown by `upsertEndorsement` when the plan has no submitted text (a draft, an archived plan). */
export class NothingToEndorseError extends Error {
  constructor(public readonly status: PlanStatus) {
    super('There is no submitted version to endorse')
  }
}

/**
 * Records (or replaces) an organisation's endorsement or objection of the plan's current
 * submission, and of the latest approved version once it is approved. Takes the plan's row lock
 * so that it cannot interleave with an approval or a return to draft.
 */
export function upsertEndorsement(
  db: Executor,
  input: {
    planId: string
    organisationId: string
    decision: 'endorse' | 'object'
    comment: string | null
    userId: string
  },
) {
  return withTransaction(db, async (trx) => {
    const plan = await trx
      .selectFrom('plans')
      .select(['status', 'submission'])
      .where('id', '=', input.planId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (!ENDORSABLE.includes(plan.status)) throw new NothingToEndorseError(plan.status)
    const latest = await trx
      .selectFrom('plan_versions')
      .select(sql<number | null>`max(number)`.as('n'))
      .where('plan_id', '=', input.planId)
      .executeTakeFirstOrThrow()
    const before = await trx
      .selectFrom('plan_endorsements')
      .select(['decision', 'comment', 'version_number'])
      .where('plan_id', '=', input.planId)
      .where('organisation_id', '=', input.organisationId)
      .executeTakeFirst()
    const versionNumber = plan.status === 'in_review' || latest.n === null ? null : Number(latest.n)
    const values = {
      decision: input.decision,
      comment: input.comment,
      version_number: versionNumber,
      submission: plan.submission,
      user_id: input.userId,
      updated_at: new Date(),
    }
    await trx
      .insertInto('plan_endorsements')
      .values({ plan_id: input.planId, organisation_id: input.organisationId, ...values })
      .onConflict((oc) => oc.columns(['plan_id', 'organisation_id']).doUpdateSet(values))
      .execute()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.userId,
      action: input.decision === 'endorse' ? 'endorsed' : 'objected',
      entityType: 'endorsement',
      entityId: input.organisationId,
      oldValue: before ?? undefined,
      newValue: {
        decision: input.decision,
        comment: input.comment,
        version: values.version_number,
        submission: plan.submission,
      },
    })
    await ReviewNotifications.endorsementRecorded(trx, {
      planId: input.planId,
      actorId: input.userId,
      organisationId: input.organisationId,
      decision: input.decision,
      comment: input.comment,
    })
  })
}

/** Why the plan came back, while it waits to be resubmitted: the reviewer's note, who and when. */
export function findReturnNote(db: Executor, planId: string) {
  return db
    .selectFrom('plans')
    .leftJoin('users', 'users.id', 'plans.returned_by')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'plans.return_note as note',
      'plans.returned_at as at',
      'users.name as by_name',
      'organisations.acronym as by_acronym',
      'organisations.name as by_organisation',
    ])
    .where('plans.id', '=', planId)
    .where('plans.return_note', 'is not', null)
    .executeTakeFirst()
}

/** The latest approved version's number and override reason, for a plan that is approved or beyond. */
export function findLatestApproval(db: Executor, planId: string) {
  return db
    .selectFrom('plan_versions')
    .leftJoin('users', 'users.id', 'plan_versions.approved_by')
    .select([
      'plan_versions.number',
      'plan_versions.override_reason',
      'plan_versions.created_at',
      'users.name as approved_by_name',
    ])
    .where('plan_versions.plan_id', '=', planId)
    .orderBy('plan_versions.number', 'desc')
    .limit(1)
    .executeTakeFirst()
}
