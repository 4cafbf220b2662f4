import { describe, expect, test } from 'vitest'
import { LOCALES } from '#core/vocabulary.ts'
import { COUNTRY_CODES, countryName, countryOptions, isCountryCode } from './countries.ts'
import { ILO_MEMBER_STATES, ILO_TERRITORIES } from './ilo-countries.ts'

describe('the country list', () => {
  test('holds the 187 ILO member States, each once', () => {
    expect(ILO_MEMBER_STATES).toHaveLength(187)
    expect(new Set(ILO_MEMBER_STATES).size).toBe(187)
    expect(ILO_MEMBER_STATES).toContain('CK')
  })

  test('leaves out the UN members that have not joined the ILO', () => {
    for (const code of ['AD', 'BT', 'LI', 'FM', 'MC', 'NR', 'KP']) expect(ILO_MEMBER_STATES).not.toContain(code)
  })

  test('adds the territories the ILO reports on, none of them a member State', () => {
    expect(ILO_TERRITORIES.filter((c) => ILO_MEMBER_STATES.includes(c))).toEqual([])
    for (const code of ['HK', 'MO', 'PS', 'GL', 'FO', 'CW']) expect(ILO_TERRITORIES).toContain(code)
  })

  test('offers no uninhabited place with an ISO code', () => {
    for (const code of ['AQ', 'BV', 'HM', 'GS', 'UM', 'IO']) {
      expect(isCountryCode(code)).toBe(false)
      expect(countryOptions('en').map((c) => c.code)).not.toContain(code)
    }
  })

  test('names every country in every language', () => {
    for (const locale of LOCALES) {
      const options = countryOptions(locale)
      expect(options.map((o) => o.code).sort()).toEqual([...COUNTRY_CODES].sort())
      for (const { code, name } of options) expect(name).not.toBe(code)
    }
    expect(countryName('CI', 'fr')).toBe('Côte d’Ivoire')
    expect(countryName('DE', 'es')).toBe('Alemania')
  })
})
