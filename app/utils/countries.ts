import { type Locale } from '#core/vocabulary.ts'
import { COUNTRY_NAMES } from './country-names.ts'

// ISO 3166-1 alpha-2 codes (249 entries). Names come from the CLDR table in country-names.ts.
export const ISO_CODES = `
  AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
  BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
  CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
  DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
  GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
  KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
  MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
  NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
  PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
  SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
  TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
  VN VU WF WS YE YT ZA ZM ZW
`
  .trim()
  .split(/\s+/)

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
