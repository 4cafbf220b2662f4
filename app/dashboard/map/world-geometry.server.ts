import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { geoCentroid, geoEqualEarth, geoPath } from 'd3-geo'
import type { Feature, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { NUMERIC_BY_ALPHA2, POINTS_WITHOUT_SHAPE } from './country-numeric.ts'

// The world map's geometry, projected once per process: the shapes never change, so the first
// dashboard pays ~100 ms and every later one nothing. Country outlines come from world-atlas at
// 1:110m (light enough to send with the page); the small states and territories that scale leaves
// out are marked by a point taken from the 1:50m file, read once and dropped.

export const MAP_WIDTH = 960
export const MAP_HEIGHT = 470
const ANTARCTICA = '010'

export interface WorldGeometry {
  width: number
  height: number
  /** Every country's outline as one path: the land the coloured countries sit on. */
  land: string
  /** Changes whenever `land` does: the outline's URL carries it, so browsers may keep it for good. */
  landVersion: string
  /** By ISO alpha-2 code: an outline, or a point for a country too small for the 1:110m file. */
  shapes: ReadonlyMap<string, { d: string } | { point: [number, number] }>
}

const require = createRequire(import.meta.url)
type CountryTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>
const readTopology = (file: string): CountryTopology =>
  JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as CountryTopology

function countries(topology: CountryTopology): Feature<Geometry, { name: string }>[] {
  const collection = feature(topology, topology.objects.countries)
  return collection.features.filter((f) => f.id !== ANTARCTICA)
}

function project(): WorldGeometry {
  const outlines = countries(readTopology('countries-110m.json'))
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: 'FeatureCollection', features: outlines },
  )
  const path = geoPath(projection).digits(0)
  const byNumeric = new Map<string, string>()
  for (const f of outlines) {
    const d = path(f)
    if (d && f.id !== undefined) byNumeric.set(String(f.id), (byNumeric.get(String(f.id)) ?? '') + d)
  }
  const shapes = new Map<string, { d: string } | { point: [number, number] }>()
  const missing: [string, string][] = []
  for (const [alpha2, numeric] of NUMERIC_BY_ALPHA2) {
    const d = byNumeric.get(numeric)
    if (d) shapes.set(alpha2, { d })
    else missing.push([alpha2, numeric])
  }
  const detailed = new Map<string, Feature<Geometry, { name: string }>>()
  for (const f of countries(readTopology('countries-50m.json'))) {
    // 1:50m has two shapes with Australia's code (036); the larger one is the country.
    if (f.id !== undefined && !detailed.has(String(f.id))) detailed.set(String(f.id), f)
  }
  for (const [alpha2, numeric] of missing) {
    const f = detailed.get(numeric)
    const lonLat = f ? geoCentroid(f) : POINTS_WITHOUT_SHAPE[alpha2]
    const xy = lonLat ? projection(lonLat) : null
    // Tuvalu lies just past the antimeridian's edge of the frame: keep every marker (radius 7) inside it.
    const inside = (v: number, max: number) => Math.round(Math.min(max - 8, Math.max(8, v)) * 10) / 10
    if (xy) shapes.set(alpha2, { point: [inside(xy[0], MAP_WIDTH), inside(xy[1], MAP_HEIGHT)] })
  }
  const land = [...byNumeric.values()].join('')
  const landVersion = createHash('sha256').update(land).digest('hex').slice(0, 16)
  return { width: MAP_WIDTH, height: MAP_HEIGHT, land, landVersion, shapes }
}

let cached: WorldGeometry | null = null

/** The projected map, computed on first use and kept for the life of the process. */
export function worldGeometry(): WorldGeometry {
  cached ??= project()
  return cached
}

/**
 * The land as an SVG file of its own (~75 KB). Inlined, it went out twice with every dashboard (in
 * the HTML and again in the page's data) and again after each filter; as a file it is fetched once
 * and cached. Decorative: the countries with plans, the links, are drawn over it in the page.
 */
export function landSvg(): string {
  const { width, height, land } = worldGeometry()
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<path d="${land}" fill="#e9ecef" stroke="#ffffff" stroke-width="0.5"/></svg>`
  )
}
