import { DEFAULT_LOCALE, LOCALES } from '#core/vocabulary.ts'

export const i18nConfig = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
}

// Locale files: app/locales/<lng>/<namespace>.json. Loaded lazily in the browser, one chunk per file.
export const lazyLocaleFiles = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json')

export function localeFileKey(lng: string, ns: string) {
  return `../locales/${lng}/${ns}.json`
}
