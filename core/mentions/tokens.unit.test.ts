import { describe, expect, it } from 'vitest'
import {
  mentionedIds,
  mentionExcerpt,
  mentionSegments,
  mentionsAsText,
  mentionToken,
  resolveMentions,
} from './tokens.ts'

const ANA = '11111111-1111-4111-8111-111111111111'
const BEN = '22222222-2222-4222-8222-222222222222'
const EVE = '33333333-3333-4333-8333-333333333333'
const readers = new Map([
  [ANA, 'Ana Rojas'],
  [BEN, 'Ben (PMO) Tan'],
])

describe('mention tokens', () => {
  it('stores a picked "@Name" as a token with the current name, once per person', () => {
    const { body, mentioned } = resolveMentions('Ask @Ana Rojas, then @Ana Rojas again', [ANA, ANA], readers)
    expect(body).toBe(`Ask @[Ana Rojas](user:${ANA}), then @Ana Rojas again`)
    expect(mentioned).toEqual([ANA])
  })

  it('strips what a token cannot hold from a name and matches it as typed in the box', () => {
    expect(mentionToken(BEN, 'Ben (PMO) Tan')).toBe(`@[Ben PMO Tan](user:${BEN})`)
    const { body } = resolveMentions('cc @Ben PMO Tan.', [BEN], readers)
    expect(body).toBe(`cc @[Ben PMO Tan](user:${BEN}).`)
  })

  it('ignores a non-reader: a picked id stays text, a typed token loses its id', () => {
    const { body, mentioned } = resolveMentions(`@[Eve](user:${EVE}) and @Eve`, [EVE], readers)
    expect(body).toBe('@Eve and @Eve')
    expect(mentioned).toEqual([])
  })

  it('rewrites a typed token of a reader with their real name (no spoofed names)', () => {
    const { body } = resolveMentions(`@[The Director](user:${ANA})`, [], readers)
    expect(body).toBe(`@[Ana Rojas](user:${ANA})`)
  })

  it('does not match a longer name or inside a token', () => {
    expect(resolveMentions('@Ana Rojasz', [ANA], readers).mentioned).toEqual([])
  })

  it('cuts a body into text and mentions; HTML stays text for React to escape', () => {
    const body = `<script>x</script> @[Ana Rojas](user:${ANA})!`
    expect(mentionSegments(body)).toEqual([
      { text: '<script>x</script> ' },
      { mention: { userId: ANA, name: 'Ana Rojas' } },
      { text: '!' },
    ])
    expect(mentionsAsText(body)).toBe('<script>x</script> @Ana Rojas!')
    expect(mentionedIds(body)).toEqual([ANA])
  })

  it('caps an excerpt at a word with an ellipsis', () => {
    const long = `@[Ana Rojas](user:${ANA}) ${'word '.repeat(100)}`
    const excerpt = mentionExcerpt(long, 40)
    expect(excerpt.startsWith('@Ana Rojas word')).toBe(true)
    expect(excerpt.length).toBeLessThanOrEqual(40)
    expect(excerpt.endsWith('…')).toBe(true)
  })
})
