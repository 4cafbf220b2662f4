// What a plan document is built from, read either live or from an approved version's frozen
// snapshot. Both readers return the same shape, so the composition (compose/) never needs to know
// which one it is laying out.
import { type Db } from '#db/client.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { isLocale, type PlanStatus } from '#core/vocabulary.ts'
import { type ApprovalRecord } from '#db/types.ts'
import { frozenSignoff, loadPlanSignoff, type PlanSignoff } from '../signoff/signoff.server.ts'
import { KINDS } from '../method/worksheets.ts'
import { SELECTION_KIND } from '../method/5.2-intervention-priorities/worksheet.ts'
import { loadDocumentStates } from '../documents/current.server.ts'
import { type Block, type Lang } from './types.ts'

export interface SourceItem {
  id: string
  kind: string
  ref: string
  position: number
  data: Record<string, unknown>
}

export interface SourceScore {
  subject_id: string
  criterion: string
  scorer_id: string
  value: number
  constituency: string
}

export type DocumentContent = { lexical: unknown } | { blocks: Block[] }

export interface PlanSource {
  plan: {
    id: string
    title: string
    countryCode: string
    region: string | null
    sectors: string[]
    scope: string
    startDate: string
    endDate: string
    workingLanguage: Lang
    status: PlanStatus
  }
  team: { name: string; organisation: string; constituency: string; role: string }[]
  items: SourceItem[]
  /** Null for versions frozen before scores were kept. */
  scores: SourceScore[] | null
  /** Documents by name (notes of a sub-step, the narrative): Lexical state when live, text for versions. */
  documents: Map<string, DocumentContent>
  endorsements: {
    organisation: string
    constituency: string
    decision: 'endorse' | 'object' | null
    comment: string | null
    versionNumber: number | null
  }[]
  openReviewComments: number
  measurements: { indicator_id: string; period: string; period_end: string; value: number }[]
  version: { number: number; approvedBy: string | null; approvedAt: string; note: string | null } | null
  /** Complete and agreed sub-steps (ADR 037): live, or as frozen at approval; null for versions approved before they were kept. */
  signoff: PlanSignoff | null
  /** The reviewer's reason for approving without every endorsement: of this version, or of the approval the live plan stands on. */
  overrideReason: string | null
}

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString())

async function sharedParts(db: Db, planId: string) {
  const [endorsements, reviews, measurements] = await Promise.all([
    LifecycleRepository.findEndorsements(db, planId),
    CommentRepository.countOpenReviews(db, planId),
    MeasurementRepository.findByPlan(db, planId),
  ])
  return {
    endorsements: endorsements.map((e) => ({
      organisation: e.acronym ?? e.organisation_name,
      constituency: e.constituency,
      decision: e.decision,
      comment: e.comment,
      versionNumber: e.version_number,
    })),
    openReviewComments: reviews.total,
    measurements: measurements.map((m) => ({
      indicator_id: m.indicator_id,
      period: m.period,
      period_end: m.period_end,
      value: m.value,
    })),
  }
}

/** The plan as it is now, co-edited documents included up to their last stored update. Undefined if no such plan. */
export async function loadLiveSource(db: Db, planId: string): Promise<PlanSource | undefined> {
  const plan = await PlanRepository.findById(db, planId)
  if (!plan) return undefined
  const [members, items, pairScores, stakeholderScores, interventionScores, states, shared, signoff] =
    await Promise.all([
      MemberRepository.findByPlan(db, planId),
      ItemRepository.findByKinds(db, planId, [...Object.keys(KINDS), SELECTION_KIND]),
      ScoreRepository.findByKind(db, planId, 'pair'),
      ScoreRepository.findByKind(db, planId, 'stakeholder'),
      ScoreRepository.findByKind(db, planId, 'intervention'),
      loadDocumentStates(db, planId),
      sharedParts(db, planId),
      loadPlanSignoff(db, planId),
    ])
  return {
    plan: { id: plan.id, ...PlanRepository.planFacts(plan), status: plan.status },
    team: members.map((m) => ({
      name: m.name,
      organisation: m.organisation_acronym ?? m.organisation_name,
      constituency: m.constituency,
      role: m.role,
    })),
    items,
    scores: [...pairScores, ...stakeholderScores, ...interventionScores],
    documents: new Map([...states].map(([name, state]) => [name, { lexical: state }])),
    ...shared,
    version: null,
    signoff,
    overrideReason: ['approved', 'implementing', 'completed'].includes(plan.status)
      ? ((await LifecycleRepository.findLatestApproval(db, planId))?.override_reason ?? null)
      : null,
  }
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback)

/** An approved version as frozen at approval. Undefined if the plan has no such version. */
export async function loadVersionSource(db: Db, planId: string, number: number): Promise<PlanSource | undefined> {
  const [plan, version] = await Promise.all([
    PlanRepository.findById(db, planId),
    LifecycleRepository.findVersion(db, planId, number),
  ])
  if (!plan || !version) return undefined
  const p = version.snapshot.plan
  const lang = str(p.workingLanguage)
  return {
    plan: {
      id: plan.id,
      title: str(p.title, plan.title),
      countryCode: str(p.countryCode, plan.country_code),
      region: typeof p.region === 'string' ? p.region : null,
      sectors: Array.isArray(p.sectors) ? p.sectors.map(String) : [],
      scope: str(p.scope, plan.scope),
      startDate: str(p.startDate, plan.start_date),
      endDate: str(p.endDate, plan.end_date),
      workingLanguage: isLocale(lang) ? lang : plan.working_language,
      status: 'approved',
    },
    team: version.snapshot.team,
    items: version.snapshot.items,
    scores: version.snapshot.scores ?? null,
    // Versions frozen before the structure was kept have only text: one paragraph per line.
    documents: new Map(
      version.snapshot.documents.map((d): [string, DocumentContent] => [
        d.name,
        d.lexical !== undefined ? { lexical: d.lexical } : { blocks: plainTextBlocks(d.plainText) },
      ]),
    ),
    ...(await versionParts(db, planId, version)),
    version: {
      number: version.number,
      approvedBy: version.approved_by_name,
      approvedAt: iso(version.created_at),
      note: version.note,
    },
    signoff: frozenSignoff(plan.id, version.snapshot.signoff),
    overrideReason: version.override_reason,
  }
}

/**
 * What a version shares with the live plan (open review comments, measurements), except its
 * endorsements: those it was approved with, from its snapshot, since "Revise" clears the plan's
 * own for the new draft. Versions approved before the snapshot kept them show the endorsements
 * still recorded for their number.
 */
async function versionParts(
  db: Db,
  planId: string,
  version: { number: number; snapshot: { approval?: ApprovalRecord } },
) {
  const shared = await sharedParts(db, planId)
  const record = version.snapshot.approval?.endorsements
  const endorsements = record
    ? record.map((e) => ({
        organisation: e.organisation,
        constituency: e.constituency,
        decision: e.decision,
        comment: e.comment,
        versionNumber: version.number,
      }))
    : shared.endorsements.filter((e) => e.versionNumber === version.number)
  return { ...shared, endorsements }
}

function plainTextBlocks(text: string): Block[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ type: 'paragraph', runs: [{ text: line }] }))
}
