// ISO 3166-1 alpha-2 codes (249 entries). Names come from Intl.DisplayNames in the reader's language.
const ISO_CODES = `
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
const DEMO_COUNTRIES: Record<string, Record<'en' | 'fr' | 'es', string>> = {
  XL: { en: 'Republic of Kalindra (fictional)', fr: 'République de Kalindra (fictif)', es: 'República de Kalindra (ficticio)' },
  XS: { en: 'Republic of Costa Serena (fictional)', fr: 'République de Costa Serena (fictif)', es: 'República de Costa Serena (ficticio)' },
}

export const COUNTRY_CODES: readonly string[] = [...ISO_CODES, ...Object.keys(DEMO_COUNTRIES)]

export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && COUNTRY_CODES.includes(value)
}

const displayNames = new Map<string, Intl.DisplayNames>()

/** The country's name in the given language. */
export function countryName(code: string, locale: string): string {
  const demo = DEMO_COUNTRIES[code]
  if (demo) return demo[(locale in demo ? locale : 'en') as 'en' | 'fr' | 'es']
  let names = displayNames.get(locale)
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })
    displayNames.set(locale, names)
  }
  return names.of(code) ?? code
}

/** Every country as { code, name }, sorted by name in the given language. */
export function countryOptions(locale: string) {
  const collator = new Intl.Collator(locale)
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) => collator.compare(a.name, b.name))
}
