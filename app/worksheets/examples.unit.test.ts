import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { KINDS } from '../method/worksheets.ts'
import { exampleKey, hasExample } from './examples.ts'

// Every field people type into shows an example from the worked example plan as its placeholder,
// in each language (ADR 057). A new field without one fails here, not in front of a planner.
const LANGUAGES = ['en', 'fr', 'es'] as const
const locale = (lng: string) =>
  JSON.parse(readFileSync(path.resolve(`app/locales/${lng}/worksheets.json`), 'utf8')) as Record<string, unknown>
const lookup = (tree: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree)

const typed = Object.values(KINDS).flatMap((spec) =>
  spec.fields.filter((f) => hasExample(spec.kind, f)).map((f) => ({ kind: spec.kind, field: f })),
)

describe('worksheet field examples', () => {
  it('covers the typed fields of every kind, and only those', () => {
    expect(typed.length).toBeGreaterThanOrEqual(70)
    expect(typed.every(({ field }) => ['text', 'longtext', 'number'].includes(field.type))).toBe(true)
    expect(typed.some(({ kind, field }) => kind === 'node' && (field.name === 'x' || field.name === 'y'))).toBe(false)
  })

  for (const lng of LANGUAGES) {
    it(`gives every typed field an example in ${lng}`, () => {
      const tree = locale(lng)
      const missing = typed
        .filter(({ kind, field }) => {
          const example = lookup(tree, exampleKey(kind, field.name))
          return typeof example !== 'string' || example.trim() === ''
        })
        .map(({ kind, field }) => `${kind}.${field.name}`)
      expect(missing).toEqual([])
      expect(typeof tree.example === 'string' && tree.example.includes('{{example}}')).toBe(true)
    })
  }

  it('writes each example in its own language (not an English copy), names aside', () => {
    const [en, fr, es] = LANGUAGES.map(locale)
    const copies = typed
      .filter(({ field }) => field.type !== 'number')
      .map(({ kind, field }) => exampleKey(kind, field.name))
      .filter((key) => lookup(en!, key) === lookup(fr!, key) && lookup(en!, key) === lookup(es!, key))
    // Organisation acronyms (PMO-LIU, FPWU-SH) read the same in every language.
    expect(copies.every((key) => /^[A-Z-]+$/.test(String(lookup(en!, key))))).toBe(true)
  })

  it('keeps numbers within each field’s range', () => {
    const en = locale('en')
    for (const { kind, field } of typed)
      if (field.type === 'number') {
        const value = Number(lookup(en, exampleKey(kind, field.name)))
        expect(value, `${kind}.${field.name}`).toBeGreaterThanOrEqual(field.min)
        expect(value, `${kind}.${field.name}`).toBeLessThanOrEqual(field.max)
      }
  })
})
