import { describe, expect, it } from 'vitest'
import { missingForTripartite } from './constituencies.ts'

describe('missingForTripartite', () => {
  it('finds nothing missing when government, workers and employers are all present', () => {
    expect(missingForTripartite(['government', 'workers', 'employers'])).toEqual([])
    expect(missingForTripartite(['employers', 'ilo', 'workers', 'government', 'government', 'other'])).toEqual([])
  })

  it('names each missing constituency in a fixed order', () => {
    expect(missingForTripartite(['government'])).toEqual(['workers', 'employers'])
    expect(missingForTripartite(['workers', 'employers'])).toEqual(['government'])
    expect(missingForTripartite([])).toEqual(['government', 'workers', 'employers'])
  })

  it('does not count the ILO or other organisations towards tripartism', () => {
    expect(missingForTripartite(['ilo', 'other', 'government', 'workers'])).toEqual(['employers'])
  })

  it('accepts any iterable, such as a Set of a team’s constituencies', () => {
    expect(missingForTripartite(new Set(['workers', 'government']))).toEqual(['employers'])
  })
})
