import { type Locale } from '#core/vocabulary.ts'
import { COUNTRY_NAMES } from './country-names.ts'
import { ILO_MEMBER_STATES, ILO_TERRITORIES } from './ilo-countries.ts'

// The countries a plan may be for: the ILO's 187 member States and the territories it reports on,
// as ISO 3166-1 alpha-2 codes (the facts and their sources are in ilo-countries.ts). Names come
// from the CLDR table in country-names.ts.
export const ISO_CODES: readonly string[] = [...ILO_MEMBER_STATES, ...ILO_TERRITORIES]

// The demo plans are set in fictional countries; they use ISO 3166-1 user-assigned codes (XA–XZ),
// which no real country will ever receive.
export const DEMO_COUNTRIES: Record<string, Record<Locale, string>> = {
  XL: {
    en: 'Republic of Kalindra (fictional)',
    fr: 'République de Kalindra (fictif)',
    es: 'República de Kalindra (ficticio)',
  },
  XS: {
    en: 'Republic of Costa Serena (fictional)',
    fr: 'République de Costa Serena (fictif)',
    es: 'República de Costa Serena (ficticio)',
  },
}

export const COUNTRY_CODES: readonly string[] = [...ISO_CODES, ...Object.keys(DEMO_COUNTRIES)]

export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && COUNTRY_CODES.includes(value)
}

type Lang = keyof typeof COUNTRY_NAMES
const lang = (locale: string): Lang => (locale in COUNTRY_NAMES ? (locale as Lang) : 'en')
// Fixed names rather than Intl.DisplayNames: browsers and Node disagree on some (Hong Kong,
// Palestine…), and the server and client must render the same text.
const byCode = new Map(Object.entries(COUNTRY_NAMES).map(([l, rows]) => [l, new Map(rows)]))

/** The country's name in the given language. */
export function countryName(code: string, locale: string): string {
  return byCode.get(lang(locale))?.get(code) ?? code
}

/** Every country as { code, name }, sorted by name in the given language. */
export function countryOptions(locale: string) {
  return COUNTRY_NAMES[lang(locale)].map(([code, name]) => ({ code, name }))
}
