import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LOCALES } from '#core/vocabulary.ts'

const NATIVE_NAMES: Record<string, string> = { en: 'English', fr: 'Français', es: 'Español' }

/** Three buttons, each naming its language in that language; works without JavaScript. */
export function LanguageSwitcher({ locale, redirectTo }: { locale: string; redirectTo: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post" action="/settings/language" className="language-switcher" aria-label={t('nav.language')}>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {LOCALES.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          lang={lng}
          aria-current={lng === locale ? 'true' : undefined}
          className="language-switcher__option"
        >
          <abbr title={NATIVE_NAMES[lng]}>{lng.toUpperCase()}</abbr>
          <span className="visually-hidden">{NATIVE_NAMES[lng]}</span>
        </button>
      ))}
    </Form>
  )
}
