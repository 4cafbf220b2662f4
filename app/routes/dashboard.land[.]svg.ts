// GET /dashboard/land.svg — the world map's land outline (public geography, no plan data), cached
// for good: its URL carries a version of the outline (world-map.ts), so a new outline is a new URL.
import { landSvg } from '../dashboard/map/world-geometry.server.ts'

export function loader() {
  return new Response(landSvg(), {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
