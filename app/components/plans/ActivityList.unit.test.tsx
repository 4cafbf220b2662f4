import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { createServerInstance } from '../../i18n/i18next.server.ts'
import { type Locale } from '#core/vocabulary.ts'
import { ActivityList } from './ActivityList.tsx'

const added = {
  id: 1,
  action: 'created',
  entity_type: 'mandate',
  created_at: '2026-11-23T10:00:00Z',
  actor_name: 'Ratna',
  actor_organisation: null,
  new_value: { ref: 'M3' },
  old_value: null,
}

async function text(locale: Locale) {
  const i18n = await createServerInstance(locale, ['common', 'worksheets'])
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ActivityList events={[added]} />
    </I18nextProvider>,
  )
  return /activity-list__what">([^<]*)</.exec(html)![1]
}

describe('ActivityList', () => {
  it('leads with the worksheet title instead of fitting it into a sentence', async () => {
    const title = (await createServerInstance('en', ['worksheets'])).t('worksheets:kinds.mandate.title')
    expect(await text('en')).toBe(`${title}: added M3`)
    expect(await text('fr')).toMatch(/^[^:]+ : ajout de M3$/)
    expect(await text('es')).toMatch(/^[^:]+: se agregó M3$/)
  })
})
