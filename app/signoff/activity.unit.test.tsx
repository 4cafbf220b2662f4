import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { ActivityList } from '../components/plans/ActivityList.tsx'
import { createServerInstance } from '../i18n/i18next.server.ts'
import { type Locale } from '#core/vocabulary.ts'

const event = (id: number, action: string, newValue: unknown) => ({
  id,
  action,
  entity_type: 'signoff',
  created_at: '2026-12-06T10:00:00Z',
  actor_name: 'Ratna',
  actor_organisation: null,
  new_value: newValue,
  old_value: null,
})
const EVENTS = [
  event(1, 'agreed', { substep: '1.3', constituency: 'workers', decision: 'agree', reason: null }),
  event(2, 'reserved', {
    substep: '2.1',
    constituency: 'employers',
    decision: 'reserve',
    reason: 'Seasonal work is missing',
  }),
  event(3, 'withdrawn', { substep: '2.1', constituency: 'employers' }),
  event(4, 'stale', { substep: '1.3', constituencies: ['government', 'workers'] }),
]

async function lines(locale: Locale) {
  const i18n = await createServerInstance(locale, ['common', 'worksheets'])
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ActivityList events={EVENTS} />
    </I18nextProvider>,
  )
  return [...html.matchAll(/activity-list__what">([^<]*)</g)].map((m) =>
    m[1]!.replace(/&quot;/g, '"').replace(/&#x27;/g, "'"),
  )
}

describe('sign-off activity', () => {
  it('reads as sentences naming the sub-step and the constituency in every language', async () => {
    expect(await lines('en')).toEqual([
      "Agreed to 1.3 for Workers' organisation",
      "Recorded a reservation on 2.1 for Employers' organisation: “Seasonal work is missing”",
      "Withdrew the sign-off on 2.1 for Employers' organisation",
      'The agreement on 1.3 is out of date: its content changed',
    ])
    for (const locale of ['fr', 'es'] as const) {
      const text = await lines(locale)
      expect(text).toHaveLength(4)
      for (const line of text) expect(line).not.toMatch(/activity\.|signoff\.|\{\{/)
      expect(text[1]).toContain('Seasonal work is missing')
    }
  })
})
