import { describe, expect, it } from 'vitest'
import { aggregateScores, rank, type Criterion, type ScoreRow } from './scoring.ts'

const criteria: Criterion[] = [
  { key: 'severity', weight: 1 },
  { key: 'scale', weight: 1 },
]
const row = (subject: string, scorer: string, constituency: string, criterion: string, value: number): ScoreRow => ({
  subject_id: subject,
  scorer_id: scorer,
  constituency,
  criterion,
  value,
})

describe('aggregateScores', () => {
  it('computes the weighted mean of criterion means, the spread and the means per constituency', () => {
    const rows = [
      row('p', 'gov', 'government', 'severity', 5),
      row('p', 'gov', 'government', 'scale', 4),
      row('p', 'union', 'workers', 'severity', 5),
      row('p', 'union', 'workers', 'scale', 5),
      row('p', 'emp', 'employers', 'severity', 3),
      row('p', 'emp', 'employers', 'scale', 2),
    ]
    const [s] = aggregateScores(['p'], rows, criteria)
    expect(s!.byCriterion).toEqual({ severity: 13 / 3, scale: 11 / 3 })
    expect(s!.weightedMean).toBeCloseTo(4, 10)
    expect(s!.spread).toEqual({ min: 2, max: 5 })
    expect(s!.byConstituency).toEqual({ government: 4.5, workers: 5, employers: 2.5 })
    expect(s!.scorers).toBe(3)
  })

  it('applies weights', () => {
    const rows = [row('p', 'a', 'government', 'severity', 5), row('p', 'a', 'government', 'scale', 1)]
    const [s] = aggregateScores(['p'], rows, [
      { key: 'severity', weight: 3 },
      { key: 'scale', weight: 1 },
    ])
    expect(s!.weightedMean).toBe(4)
  })

  it('reverse-scores cost on its own scale', () => {
    const rows = [row('v', 'a', 'government', 'cost', 2), row('v', 'a', 'government', 'effect', 5)]
    const [s] = aggregateScores(['v'], rows, [
      { key: 'effect', weight: 1 },
      { key: 'cost', weight: 1, reverse: true },
    ])
    expect(s!.weightedMean).toBe(4.5)
    expect(s!.byCriterion.cost).toBe(2)
  })

  it('matches the worked example score of I1 × T1 (4.38)', () => {
    const keys = [
      'severity',
      'scale',
      'vulnerability',
      'low_reporting',
      'leverage',
      'systemic',
      'measurable',
      'policy_fit',
    ]
    const means = [4, 5, 4, 4, 4, 5, 4, 5]
    const rows = keys.map((k, i) => row('pair', 'x', 'government', k, means[i]!))
    const [s] = aggregateScores(
      ['pair'],
      rows,
      keys.map((key) => ({ key, weight: 1 })),
    )
    expect(s!.weightedMean!.toFixed(2)).toBe('4.38')
  })

  it('leaves unscored subjects without a mean and ranks them last', () => {
    const scores = aggregateScores(['a', 'b'], [row('b', 'x', 'workers', 'severity', 3)], criteria)
    expect(scores[0]).toMatchObject({ weightedMean: null, spread: null, scorers: 0 })
    expect(rank(scores).map((s) => s.subjectId)).toEqual(['b', 'a'])
  })

  it('ignores scores on criteria that were removed', () => {
    const [s] = aggregateScores(
      ['p'],
      [row('p', 'x', 'workers', 'retired', 1), row('p', 'x', 'workers', 'severity', 5)],
      criteria,
    )
    expect(s!.weightedMean).toBe(5)
    expect(s!.spread).toEqual({ min: 5, max: 5 })
  })
})
