import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { createServerInstance } from '../i18n/i18next.server.ts'
import { type Locale } from '#core/vocabulary.ts'
import { FieldErrors } from './forms.tsx'

async function render(locale: Locale, errors: string[]) {
  const i18n = await createServerInstance(locale, ['common'])
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <FieldErrors id="e" errors={errors} />
    </I18nextProvider>,
  )
}

describe('FieldErrors', () => {
  it('puts the bounds of a range where each language needs them', async () => {
    expect(await render('en', ['validation.scoreRange|-2|2'])).toContain('Enter a whole number from -2 to 2.')
    expect(await render('fr', ['validation.scoreRange|1|5'])).toContain('Saisissez un nombre entier de 1 à 5.')
    expect(await render('es', ['validation.scoreRange|1|5'])).toContain('Introduzca un número entero de 1 a 5.')
  })

  it('interpolates a single value and falls back to a generic message for unknown keys', async () => {
    expect(await render('en', ['validation.tooLong|256'])).toMatch(/256/)
    expect(await render('en', ['validation.noSuchKey'])).toContain(
      await render('en', ['validation.invalid']).then((html) => html.replace(/<[^>]+>/g, '')),
    )
  })
})
