import { describe, expect, it } from 'vitest'
import { changedFields } from './activityDiff.ts'

describe('changedFields', () => {
  it('lists only the fields whose value changed, with the old and the new value', () => {
    const before = { ref: 'N2', label: 'Mills', countUnits: 14, isPivot: true, issues: ['a'] }
    const after = { ref: 'N2', label: 'Mills and refineries', countUnits: 14, isPivot: false, issues: ['a', 'b'] }
    expect(changedFields(before, after)).toEqual([
      { field: 'label', before: 'Mills', after: 'Mills and refineries' },
      { field: 'isPivot', before: 'true', after: 'false' },
      { field: 'issues', before: '1', after: '2' },
    ])
  })

  it('shows an emptied or a new field with a dash on the empty side', () => {
    expect(changedFields({ ref: 'M1', notes: 'old' }, { ref: 'M1', scope: 'estates' })).toEqual([
      { field: 'notes', before: 'old', after: '—' },
      { field: 'scope', before: '—', after: 'estates' },
    ])
  })

  it('shortens long text and ignores entries without both snapshots', () => {
    const long = 'x'.repeat(200)
    expect(changedFields({ text: 'a' }, { text: long })[0]!.after).toHaveLength(80)
    expect(changedFields(null, { ref: 'M1' })).toEqual([])
  })
})
