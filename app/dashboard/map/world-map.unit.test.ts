import { describe, expect, test } from 'vitest'
import { COUNTRY_CODES, countryName, DEMO_COUNTRIES } from '../../utils/countries.ts'
import { NUMERIC_BY_ALPHA2 } from './country-numeric.ts'
import { worldGeometry } from './world-geometry.server.ts'
import { buildWorldMap, type CountryFigures } from './world-map.ts'

const geometry = worldGeometry()
const real = COUNTRY_CODES.filter((c) => !(c in DEMO_COUNTRIES))
const build = (groups: CountryFigures[], mode: 'plans' | 'onTrack' = 'plans', locale = 'en') =>
  buildWorldMap(geometry, groups, mode, (code) => countryName(code, locale), new Intl.Collator(locale))
const figures = (key: string, plans: number, onTrack = 0, indicators = 0): CountryFigures => ({
  key,
  plans,
  onTrack,
  indicators,
})

describe('the world map', () => {
  test('every country of the list has a numeric code and a place on the map', () => {
    expect(real.filter((c) => !NUMERIC_BY_ALPHA2.has(c))).toEqual([])
    expect(real.filter((c) => !geometry.shapes.has(c))).toEqual([])
  })

  test('every country with plans gets a shape inside the frame and its name', () => {
    const view = build(real.map((code, i) => figures(code, 1 + (i % 30), i % 4, 3)))
    expect(view.countries).toHaveLength(real.length)
    expect(view.offMap).toEqual([])
    for (const c of view.countries) {
      expect(c.name).not.toBe(c.code)
      if ('d' in c.shape) expect(c.shape.d).toMatch(/^M[\d.-]+,[\d.-]+/)
      else {
        expect(c.shape.point[0]).toBeGreaterThan(0)
        expect(c.shape.point[0]).toBeLessThan(view.width)
        expect(c.shape.point[1]).toBeGreaterThan(0)
        expect(c.shape.point[1]).toBeLessThan(view.height)
      }
    }
  })

  test('lists countries it cannot place (fictional or unknown codes) instead of failing', () => {
    const view = build([figures('ID', 3, 2, 5), figures('XL', 1), figures('ZZ', 2), figures('', 1)])
    expect(view.countries.map((c) => c.code)).toEqual(['ID'])
    expect(view.offMap.map((c) => [c.code, c.plans])).toEqual([
      ['', 1],
      ['XL', 1],
      ['ZZ', 2],
    ])
    expect(view.offMap.find((c) => c.code === 'XL')!.name).toBe('Republic of Kalindra (fictional)')
  })

  test('sorts the countries by their name in the reader’s language (the order Tab follows)', () => {
    const view = build([figures('DE', 1), figures('DZ', 1), figures('AL', 1)], 'plans', 'es')
    expect(view.countries.map((c) => c.name)).toEqual(['Albania', 'Alemania', 'Argelia'])
  })

  test('puts each country in the class of its number of plans or of its share on track', () => {
    const groups = [
      figures('FR', 1, 0, 10),
      figures('ES', 5, 4, 10),
      figures('IT', 6, 7, 10),
      figures('PT', 40),
      figures('GR', 0),
    ]
    const byPlans = Object.fromEntries(build(groups).countries.map((c) => [c.code, c.colourClass]))
    expect(byPlans).toEqual({ FR: 0, ES: 1, IT: 2, PT: 3 })
    const byShare = Object.fromEntries(build(groups, 'onTrack').countries.map((c) => [c.code, c.colourClass]))
    expect(byShare).toEqual({ FR: 0, ES: 1, IT: 2, PT: null })
  })

  test('projects the geometry once per process', () => {
    expect(worldGeometry()).toBe(geometry)
    expect(geometry.land.length).toBeGreaterThan(10_000)
  })
})
