import { describe, expect, it } from 'vitest'
import { namedRefs, recordWords, shortWords, withCode, wordFields } from './recordName.ts'

const title = (kind: string) => ({ issue: 'title', target: 'name', pair: 'note', mandate: 'instrument' })[kind]
const rows = [
  { id: 'i1', kind: 'issue', ref: 'I1', data: { title: 'Disguised casual employment' } },
  { id: 't1', kind: 'target', ref: 'T1', data: { name: 'Large estate companies' } },
  { id: 'p1', kind: 'pair', ref: 'P1', data: { issue: 'i1', target: 't1', note: '' } },
  { id: 'm1', kind: 'mandate', ref: 'M1', data: { instrument: 'Labour Inspection Act', provisionRef: 's.12' } },
  { id: 'x1', kind: 'issue', ref: 'I2', data: { title: '  ' } },
]

describe('record names: words first, code second', () => {
  it('names a pair by its issue and target, never "P1 · P1"', () => {
    expect(namedRefs(rows, title).p1).toBe('Disguised casual employment × Large estate companies (P1)')
  })

  it('names a mandate with the section it sits in', () => {
    expect(namedRefs(rows, title).m1).toBe('Labour Inspection Act, s.12 (M1)')
    expect(recordWords('mandate', 'instrument', { instrument: 'Social Security Act' })).toBe('Social Security Act')
  })

  it('keeps the code alone only for a record without words', () => {
    expect(namedRefs(rows, title).x1).toBe('I2')
    expect(withCode('', 'I2', 'Untitled')).toBe('Untitled (I2)')
  })

  it('names a standard criterion by its translated key', () => {
    expect(
      recordWords('criterion', 'name', { criterionKey: 'severity' }, undefined, (f, v) => `${f}:${String(v)}`),
    ).toBe('criterionKey:severity')
  })

  it('does not loop on a record that names itself', () => {
    const loop = [{ id: 'p', kind: 'pair', ref: 'P9', data: { issue: 'p', target: 'p' } }]
    expect(namedRefs(loop, title).p).toBe('P9')
  })

  it('leaves the fields the words come from out of the row', () => {
    expect(wordFields('pair', 'note')).toEqual(['issue', 'target'])
    expect(wordFields('cause', 'statement')).toEqual(['statement'])
  })

  it('shortens words for a dropdown on a word boundary, and only when they are long', () => {
    expect(shortWords('Short words')).toBe('Short words')
    const long = 'Targeted status-determination inspections at the 22 large estates, with union-assisted interviews'
    const short = shortWords(long, 60)
    expect(short.endsWith('…')).toBe(true)
    expect(short.length).toBeLessThanOrEqual(60)
    expect(long.startsWith(short.slice(0, -1))).toBe(true)
  })
})
