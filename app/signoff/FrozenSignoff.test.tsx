import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { type SignoffRecord } from '#db/types.ts'
import { createServerInstance } from '../i18n/i18next.server.ts'
import { LOCALES, type Locale } from '#core/vocabulary.ts'
import { signoffEntries } from './entries.ts'
import { FrozenSignoff, type FrozenSignoffView } from './FrozenSignoff.tsx'
import { frozenSignoff } from './signoff.server.ts'

// The version page's frozen agreement (ADR 037), built from a snapshot's record by the same rule as
// the live plan's, in words in every language.

const PLAN_ID = '3f6c2a1e-5d4b-4c3a-9e8f-7a6b5c4d3e2f'
const signoff = (
  substep: string,
  constituency: 'government' | 'workers' | 'employers',
  extra: Partial<SignoffRecord['signoffs'][number]> = {},
) => ({
  substep,
  constituency,
  decision: 'agree' as const,
  reason: null,
  signedAt: '2026-11-30T10:00:00.000Z',
  staleAt: null,
  userName: `${constituency} signer`,
  organisationName: `${constituency} organisation`,
  organisationAcronym: null,
  ...extra,
})
const record: SignoffRecord = {
  complete: ['1.1', '2.1'],
  constituencies: ['employers', 'government', 'workers'],
  signoffs: [
    signoff('1.1', 'government'),
    signoff('1.1', 'workers', { decision: 'reserve', reason: 'Seasonal workers are left out' }),
    signoff('1.1', 'employers'),
    signoff('1.2', 'employers', { staleAt: '2026-12-01T09:00:00.000Z' }),
  ],
}

function view(r: SignoffRecord | undefined): FrozenSignoffView | null {
  const frozen = frozenSignoff(PLAN_ID, r)
  return (
    frozen && {
      counts: frozen.counts,
      substeps: frozen.substeps.map((s) => ({
        code: s.code,
        complete: s.complete,
        agreement: s.agreement,
        entries: signoffEntries(s, frozen.rows),
      })),
    }
  )
}

async function render(locale: Locale, node: React.ReactNode) {
  const i18n = await createServerInstance(locale, ['common', 'steps'])
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

describe('an approved version’s frozen agreement', () => {
  it('counts and lists what stood at approval: who agreed, reservations with reasons, agreements out of date', async () => {
    const v = view(record)!
    expect(v.counts).toEqual({ total: 16, complete: 2, agreed: 1, stale: 1 })
    const text = await render('en', <FrozenSignoff signoff={v} />)
    expect(text).toContain('Agreement of the constituencies at approval')
    expect(text).toContain('Sub-steps complete: 2 of 16 · agreed: 1 of 16')
    expect(text).toContain('Reservation by workers signer (workers organisation)')
    expect(text).toContain('Seasonal workers are left out')
    expect(text).toContain('Out of date since')
    expect(text).toContain('1.1 Mandate')
  })

  it.each(LOCALES)('reads as words in %s, and says when a version kept no sign-offs', async (locale) => {
    const CODES = /\b(?:signoff|steps|progress|constituency)[.:][A-Za-z]/
    const text = await render(locale, <FrozenSignoff signoff={view(record)} />)
    expect(text).not.toMatch(CODES)
    const old = await render(locale, <FrozenSignoff signoff={view(undefined)} />)
    expect(old).not.toMatch(CODES)
    expect(old.length).toBeGreaterThan(60)
  })
})
