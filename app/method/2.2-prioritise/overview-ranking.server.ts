// The 2.2 ranking as the plan overview shows it: read-only (never seeds criteria, unlike the
// sub-step page) and small, so every member sees where the team's scores point without opening 2.2.
import { type Db } from '#db/client.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import { aggregateScores, rank } from '../../worksheets/scoring.ts'
import { SCORE_MAX, SCORE_MIN } from './worksheet.ts'

export interface PriorityRankingRow {
  ref: string
  issue: string
  target: string
  rank: number | null
  weightedMean: number | null
  spread: { min: number; max: number } | null
  scorers: number
  selected: boolean
}

const text = (v: unknown) => (typeof v === 'string' ? v : '')

/** The `limit` best-scored issue × target pairs, with the total number of pairs. */
export async function loadPriorityRanking(
  db: Db,
  planId: string,
  limit = 5,
): Promise<{ rows: PriorityRankingRow[]; total: number }> {
  const [pairs, scores, criteria, issues, targets, decisions] = await Promise.all([
    ItemRepository.findByKind(db, planId, 'pair'),
    ScoreRepository.findByKind(db, planId, 'pair'),
    ItemRepository.findByKind(db, planId, 'criterion'),
    ItemRepository.findByKind(db, planId, 'issue'),
    ItemRepository.findByKind(db, planId, 'target'),
    ItemRepository.findByKind(db, planId, 'priority_decision'),
  ])
  // Scores point at criterion items: a plan whose 2.2 page was never opened has neither, so its pairs are unscored.
  const weights = criteria.map((c) => ({
    key: c.id,
    weight: typeof c.data.weight === 'number' ? c.data.weight : 1,
    min: SCORE_MIN,
    max: SCORE_MAX,
  }))
  const selected = new Set(
    Array.isArray(decisions[0]?.data.pairs) ? (decisions[0].data.pairs as unknown[]).map(String) : [],
  )
  const titles = new Map([
    // Words only: a pair is shown by its issue and target, then its own code (ADR 057).
    ...issues.map((i) => [i.id, text(i.data.title) || i.ref] as const),
    ...targets.map((t) => [t.id, text(t.data.name) || t.ref] as const),
  ])
  const byId = new Map(pairs.map((p) => [p.id, p]))
  const ranked = rank(
    aggregateScores(
      pairs.map((p) => p.id),
      scores,
      weights,
    ),
  )
  const rows = ranked.slice(0, limit).map((s, i): PriorityRankingRow => {
    const pair = byId.get(s.subjectId)!
    return {
      ref: pair.ref,
      issue: titles.get(String(pair.data.issue)) ?? '',
      target: titles.get(String(pair.data.target)) ?? '',
      rank: s.weightedMean === null ? null : i + 1,
      weightedMean: s.weightedMean,
      spread: s.spread,
      scorers: s.scorers,
      selected: selected.has(pair.id),
    }
  })
  return { rows, total: pairs.length }
}
