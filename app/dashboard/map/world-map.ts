import type { WorldGeometry } from './world-geometry.server.ts'

// The world map's content for one dashboard view: which countries are coloured, in which class,
// with what accessible name. Pure: geometry and figures in, plain data out (the page renders it).

/** The land outline's route (app/routes/dashboard.land[.]svg.ts). */
export const LAND_PATH = '/dashboard/land.svg'

export const MAP_MODES = ['plans', 'onTrack'] as const
export type MapMode = (typeof MAP_MODES)[number]

/** Classes of the colour scale, lowest first; `min` is inclusive. The legend shows the same. */
export const PLAN_CLASSES = [{ min: 1 }, { min: 2 }, { min: 6 }, { min: 21 }] as const
export const ON_TRACK_CLASSES = [{ min: 0 }, { min: 0.4 }, { min: 0.7 }] as const

export interface CountryFigures {
  key: string
  plans: number
  indicators: number
  onTrack: number
}

export interface MapCountry {
  code: string
  name: string
  plans: number
  indicators: number
  onTrack: number
  /** Index into the mode's classes; null when the mode has no value for it (no indicators). */
  colourClass: number | null
  shape: { d: string } | { point: [number, number] }
}

export interface WorldMapView {
  width: number
  height: number
  /** Where the land outline is (a cacheable SVG file, drawn under the countries). */
  landHref: string
  mode: MapMode
  countries: MapCountry[]
  /** Countries with plans that have no place on the map (the demo's fictional ones, an unknown code). */
  offMap: { code: string; name: string; plans: number }[]
}

const classOf = (value: number, classes: readonly { min: number }[]) =>
  classes.reduce((found, c, i) => (value >= c.min ? i : found), 0)

/** Places each country with plans on the map, sorted by name (the order Tab visits them). */
export function buildWorldMap(
  geometry: WorldGeometry,
  groups: readonly CountryFigures[],
  mode: MapMode,
  nameOf: (code: string) => string,
  collator: Intl.Collator,
): WorldMapView {
  const countries: MapCountry[] = []
  const offMap: WorldMapView['offMap'] = []
  for (const g of groups) {
    if (g.plans <= 0) continue
    const name = nameOf(g.key)
    const shape = geometry.shapes.get(g.key)
    if (!shape) {
      offMap.push({ code: g.key, name, plans: g.plans })
      continue
    }
    const colourClass =
      mode === 'plans'
        ? classOf(g.plans, PLAN_CLASSES)
        : g.indicators > 0
          ? classOf(g.onTrack / g.indicators, ON_TRACK_CLASSES)
          : null
    countries.push({
      code: g.key,
      name,
      plans: g.plans,
      indicators: g.indicators,
      onTrack: g.onTrack,
      colourClass,
      shape,
    })
  }
  const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name)
  return {
    width: geometry.width,
    height: geometry.height,
    landHref: `${LAND_PATH}?v=${geometry.landVersion}`,
    mode,
    countries: countries.sort(byName),
    offMap: offMap.sort(byName),
  }
}
