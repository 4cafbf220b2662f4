// Scoring maths shared by 2.2 (issue × target pairs), 4.2 (stakeholders) and 5.2 (interventions).
// Every participant scores independently; nothing is averaged away: each subject keeps its
// weighted mean, the spread of individual scores and the means by constituency. Isomorphic.

export interface Criterion {
  key: string
  weight: number
  /** Scale of the criterion (1–5 by default; stakeholder alignment is −2…+2). */
  min?: number
  max?: number
  /** Reverse-scored criteria (cost): a high score counts as low. */
  reverse?: boolean
}

export interface ScoreRow {
  subject_id: string
  criterion: string
  scorer_id: string
  value: number
  constituency: string
}

export interface SubjectScore {
  subjectId: string
  /** Weighted mean over criteria of the mean per criterion, after reversing; null when unscored. */
  weightedMean: number | null
  /** Mean per criterion (as scored, not reversed). */
  byCriterion: Record<string, number | null>
  /** Lowest and highest individual score given to this subject (as scored). */
  spread: { min: number; max: number } | null
  /** Weighted mean computed from each constituency's scorers only. */
  byConstituency: Record<string, number | null>
  scorers: number
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null)

function effective(value: number, c: Criterion) {
  return c.reverse ? (c.min ?? 1) + (c.max ?? 5) - value : value
}

function weightedMean(rows: ScoreRow[], criteria: Criterion[]): number | null {
  let sum = 0
  let weights = 0
  for (const c of criteria) {
    const m = mean(rows.filter((r) => r.criterion === c.key).map((r) => effective(r.value, c)))
    if (m === null || c.weight <= 0) continue
    sum += c.weight * m
    weights += c.weight
  }
  return weights > 0 ? sum / weights : null
}

/** Aggregates the scores of each subject. */
export function aggregateScores(subjectIds: string[], rows: ScoreRow[], criteria: Criterion[]): SubjectScore[] {
  const known = new Set(criteria.map((c) => c.key))
  return subjectIds.map((subjectId) => {
    const mine = rows.filter((r) => r.subject_id === subjectId && known.has(r.criterion))
    const values = mine.map((r) => r.value)
    const constituencies = [...new Set(mine.map((r) => r.constituency))]
    return {
      subjectId,
      weightedMean: weightedMean(mine, criteria),
      byCriterion: Object.fromEntries(
        criteria.map((c) => [c.key, mean(mine.filter((r) => r.criterion === c.key).map((r) => r.value))]),
      ),
      spread: values.length ? { min: Math.min(...values), max: Math.max(...values) } : null,
      byConstituency: Object.fromEntries(
        constituencies.map((k) => [
          k,
          weightedMean(
            mine.filter((r) => r.constituency === k),
            criteria,
          ),
        ]),
      ),
      scorers: new Set(mine.map((r) => r.scorer_id)).size,
    }
  })
}

/** Subjects ordered by weighted mean, highest first; unscored last. */
export function rank(scores: SubjectScore[]): SubjectScore[] {
  return [...scores].sort((a, b) => (b.weightedMean ?? -Infinity) - (a.weightedMean ?? -Infinity))
}

/** A score on a signed scale as people read it: +2, 0, −1 (a real minus sign). */
export const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${Math.abs(v)}` : '0')
