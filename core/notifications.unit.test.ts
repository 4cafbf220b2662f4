import { describe, expect, it } from 'vitest'
import { EXCERPT_MAX, excerpt, NOTIFICATION_PARAMS, parseNotification } from './notifications.ts'
import { NOTIFICATION_KINDS } from './vocabulary.ts'

describe('notification params', () => {
  it('has a schema for every kind', () => {
    expect(Object.keys(NOTIFICATION_PARAMS).sort()).toEqual([...NOTIFICATION_KINDS].sort())
  })

  it('shortens long text on a word boundary, flattening whitespace', () => {
    expect(excerpt('  one\n\ntwo  ')).toBe('one two')
    const long = excerpt('word '.repeat(200))
    expect(long.length).toBeLessThanOrEqual(EXCERPT_MAX)
    expect(long).toMatch(/word…$/)
    expect(excerpt('x'.repeat(500))).toHaveLength(EXCERPT_MAX)
  })

  it('parses the params of a known kind and refuses what does not fit', () => {
    const params = { planTitle: 'P', actorName: null, version: 2 }
    expect(parseNotification('plan_approved', params)).toEqual({ kind: 'plan_approved', params })
    expect(parseNotification('plan_approved', { planTitle: 'P', version: 0 })).toBeNull()
    expect(parseNotification('plan_exploded', params)).toBeNull()
    expect(parseNotification('review_comment', { ...params, subject: 'item', excerpt: 'x'.repeat(281) })).toBeNull()
  })
})
