import { describe, expect, it } from 'vitest'
import { changedFields, sameValue, threeWayMerge } from './merge.ts'

const fields = ['name', 'owner', 'coverage', 'sectors']
const base = { name: 'Labour force survey', owner: 'Statistics office', coverage: 'National', sectors: ['palm_oil'] }

describe('threeWayMerge', () => {
  it('keeps both changes when the two people changed different fields', () => {
    const theirs = { ...base, coverage: 'Three provinces' }
    const mine = { ...base, owner: 'Ministry of Labour' }
    expect(threeWayMerge(fields, base, mine, theirs)).toEqual({
      merged: { ...base, owner: 'Ministry of Labour', coverage: 'Three provinces' },
      conflicts: [],
    })
  })

  it('reports a field both changed differently and keeps my value in it', () => {
    const theirs = { ...base, coverage: 'Three provinces' }
    const mine = { ...base, coverage: 'Two provinces', owner: 'Ministry of Labour' }
    const result = threeWayMerge(fields, base, mine, theirs)
    expect(result.conflicts).toEqual(['coverage'])
    expect(result.merged).toEqual({ ...base, owner: 'Ministry of Labour', coverage: 'Two provinces' })
  })

  it('is no conflict when both made the same change', () => {
    const both = { ...base, coverage: 'Three provinces' }
    expect(threeWayMerge(fields, base, both, both)).toEqual({ merged: both, conflicts: [] })
  })

  it('takes their emptied field and keeps my emptied field', () => {
    expect(threeWayMerge(fields, base, base, { ...base, owner: '' }).merged.owner).toBe('')
    expect(threeWayMerge(fields, base, { ...base, owner: undefined }, base).merged.owner).toBeUndefined()
  })

  it('treats a reordered list of choices as unchanged and a new choice as a change', () => {
    const b = { sectors: ['a', 'b'] }
    expect(threeWayMerge(['sectors'], b, { sectors: ['b', 'a'] }, { sectors: ['a', 'b', 'c'] })).toEqual({
      merged: { sectors: ['a', 'b', 'c'] },
      conflicts: [],
    })
    expect(threeWayMerge(['sectors'], b, { sectors: ['a'] }, { sectors: ['a', 'b', 'c'] }).conflicts).toEqual([
      'sectors',
    ])
  })

  it('merges only the listed fields', () => {
    expect(threeWayMerge(['owner'], base, { ...base, name: 'x' }, base).merged).toEqual({ owner: 'Statistics office' })
  })
})

describe('sameValue and changedFields', () => {
  it('treats every empty value alike and numbers apart from their text', () => {
    expect(sameValue(undefined, '')).toBe(true)
    expect(sameValue(null, [])).toBe(true)
    expect(sameValue(3, 3)).toBe(true)
    expect(sameValue(3, '3')).toBe(false)
    expect(sameValue({ x: 1, y: 2 }, { y: 2, x: 1 })).toBe(true)
  })

  it('lists the fields that differ', () => {
    expect(changedFields(fields, base, { ...base, coverage: 'x', sectors: ['palm_oil'] })).toEqual(['coverage'])
  })
})
