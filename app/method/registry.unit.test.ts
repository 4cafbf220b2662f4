import { describe, expect, it } from 'vitest'
import { SUBSTEP_CODES } from '#core/substeps.ts'
import { defineSubstep } from './define.server.ts'
import { defineWorksheet } from './define.ts'
import { SUBSTEPS } from './substeps.server.ts'
import { KINDS, kindSpec, WORKSHEETS } from './worksheets.ts'

const SCORED = ['pair', 'stakeholder', 'intervention']

describe('the sub-step registries', () => {
  it('define all 16 sub-steps, server and browser halves on the same worksheet', () => {
    expect(Object.keys(WORKSHEETS)).toEqual([...SUBSTEP_CODES])
    expect(Object.keys(SUBSTEPS)).toEqual([...SUBSTEP_CODES])
    for (const code of SUBSTEP_CODES) {
      expect(WORKSHEETS[code].code).toBe(code)
      expect(SUBSTEPS[code].worksheet).toBe(WORKSHEETS[code])
    }
  })

  it('give every kind one owner, and the owner is the sub-step the kind names', () => {
    const owned = Object.values(WORKSHEETS).flatMap((w) => w.kinds.map((k) => [k.kind, w.code] as const))
    expect(new Set(owned.map(([kind]) => kind)).size).toBe(owned.length)
    for (const [kind, code] of owned) expect(kindSpec(kind)?.substep).toBe(code)
    expect(Object.keys(KINDS)).toEqual(owned.map(([kind]) => kind))
  })

  it('link only to kinds that exist, and check only kinds the sub-step owns', () => {
    for (const code of SUBSTEP_CODES) {
      const { worksheet, checks = {} } = SUBSTEPS[code]
      for (const kind of worksheet.linkKinds) expect(kindSpec(kind), `${code} links to ${kind}`).toBeDefined()
      for (const kind of Object.keys(checks)) expect(kindSpec(kind)?.substep, `${code} checks ${kind}`).toBe(code)
    }
  })

  it('add sign-off scopes that name scores of an owned or listed kind, or a kind', () => {
    for (const code of SUBSTEP_CODES) {
      for (const scope of SUBSTEPS[code].scopes ?? []) {
        const [type, name] = scope.split(':')
        if (type === 'scores') expect(SCORED, `${code}: ${scope}`).toContain(name)
        else expect(type, `${code}: ${scope}`).toBe('kind')
      }
    }
  })

  it('gives every sub-step a progress rule that reads an empty plan as not started', () => {
    const empty = { items: () => [], scores: () => [] }
    for (const code of SUBSTEP_CODES) {
      const status = SUBSTEPS[code].progress(empty).status
      expect([code, status]).toEqual([code, 'not_started'])
    }
  })
})

describe('a definition', () => {
  const kind = { ...kindSpec('mandate')!, kind: 'example' }

  it('refuses a kind that names another sub-step', () => {
    expect(() => defineWorksheet({ code: '2.1', kinds: [kind], lists: [], linkKinds: [] })).toThrow(/another sub-step/)
  })

  it('refuses to list a kind it does not own', () => {
    expect(() => defineWorksheet({ code: '1.1', kinds: [kind], lists: ['issue'], linkKinds: [] })).toThrow(
      /does not own/,
    )
  })

  it('refuses a check on a kind it does not own', () => {
    const worksheet = defineWorksheet({ code: '1.1', kinds: [kind], lists: [], linkKinds: [] })
    const check = async () => []
    expect(() =>
      defineSubstep({
        worksheet,
        checks: { issue: check },
        progress: () => ({ status: 'done', missing: [] }),
        exportSection: () => [],
      }),
    ).toThrow(/does not own/)
  })
})
