import { describe, expect, it } from 'vitest'
import { layeredLayout } from './elkLayout.server.ts'
import { polylineCrossesRect, rectsOverlap, segmentCrossesRect } from './mapGeometry.ts'
import { routeMap, simplify } from './mapRouter.ts'

const box = (id: string, x: number, y: number, width = 200, height = 72) => ({ id, x, y, width, height })
const isOrthogonal = (points: { x: number; y: number }[]) =>
  points.slice(1).every((q, i) => q.x === points[i]!.x || q.y === points[i]!.y)

describe('map router', () => {
  it('goes around a box standing between the two ends (the Mills → Large estates case)', () => {
    const mills = box('mills', 0, 0)
    const harvesters = box('harvesters', 0, 150)
    const estates = box('estates', 0, 300)
    const { edges } = routeMap([mills, harvesters, estates], [{ id: 'e', from: 'mills', to: 'estates', label: [] }])
    const [e] = edges
    expect(isOrthogonal(e!.points)).toBe(true)
    expect(polylineCrossesRect(e!.points, harvesters)).toBe(false)
    // Starts on the border of Mills and ends on the border of Large estates.
    expect(e!.points[0]!.y === 72 || e!.points[0]!.x === 0 || e!.points[0]!.x === 200 || e!.points[0]!.y === 0).toBe(
      true,
    )
    const last = e!.points[e!.points.length - 1]!
    expect(last.y === 300 || last.x === 0 || last.x === 200 || last.y === 372).toBe(true)
  })

  it('draws a straight arrow between two aligned boxes with nothing between', () => {
    const { edges } = routeMap(
      [box('a', 0, 0), box('b', 0, 200)],
      [{ id: 'e', from: 'a', to: 'b', label: ['employs'] }],
    )
    expect(edges[0]!.points).toEqual([
      { x: 100, y: 72 },
      { x: 100, y: 200 },
    ])
    const label = edges[0]!.label!
    expect(label.lines).toEqual(['employs'])
    expect(rectsOverlap(label, box('a', 0, 0))).toBe(false)
    expect(rectsOverlap(label, box('b', 0, 200))).toBe(false)
  })

  it('gives two arrows between the same boxes separate ports and labels that do not overlap', () => {
    const { edges } = routeMap(
      [box('a', 0, 0), box('b', 0, 250)],
      [
        { id: 'e1', from: 'a', to: 'b', label: ['owns'] },
        { id: 'e2', from: 'b', to: 'a', label: ['supplies'] },
      ],
    )
    const [e1, e2] = edges
    expect(e1!.points[0]).not.toEqual(e2!.points[e2!.points.length - 1])
    expect(rectsOverlap(e1!.label!, e2!.label!)).toBe(false)
  })

  it('leaves out edges with an unknown end or to themselves', () => {
    const { edges } = routeMap(
      [box('a', 0, 0)],
      [
        { id: 'e1', from: 'a', to: 'gone', label: [] },
        { id: 'e2', from: 'a', to: 'a', label: [] },
      ],
    )
    expect(edges).toEqual([])
  })

  it('uses a narrower wrapping of a label where the wide one does not fit between two boxes', () => {
    const { edges } = routeMap(
      [box('a', 0, 0), box('b', 330, 0)],
      [
        {
          id: 'e',
          from: 'a',
          to: 'b',
          label: ['contracts labour to'],
          alternatives: [['contracts', 'labour to']],
        },
      ],
    )
    expect(edges[0]!.label!.lines).toEqual(['contracts', 'labour to'])
    expect(edges[0]!.label!.x).toBeGreaterThan(200)
    expect(edges[0]!.label!.x + edges[0]!.label!.width).toBeLessThan(330)
  })

  it('simplifies a polyline to its corners', () => {
    expect(
      simplify([
        { x: 0, y: 0 },
        { x: 0, y: 10 },
        { x: 0, y: 10 },
        { x: 0, y: 20 },
        { x: 5, y: 20 },
      ]),
    ).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 20 },
      { x: 5, y: 20 },
    ])
  })
})

describe('map geometry', () => {
  it('counts a segment through the inside of a box, not one along or ending on its border', () => {
    const r = { x: 0, y: 0, width: 100, height: 50 }
    expect(segmentCrossesRect({ x: -10, y: 25 }, { x: 110, y: 25 }, r)).toBe(true)
    expect(segmentCrossesRect({ x: -10, y: -10 }, { x: 110, y: 60 }, r)).toBe(true)
    expect(segmentCrossesRect({ x: 0, y: -10 }, { x: 0, y: 60 }, r)).toBe(false)
    expect(segmentCrossesRect({ x: 50, y: 50 }, { x: 50, y: 90 }, r)).toBe(false)
    expect(segmentCrossesRect({ x: 120, y: 0 }, { x: 200, y: 50 }, r)).toBe(false)
  })
})

describe('ELK layered layout, run synchronously', () => {
  it('puts a source above what it points to and keeps boxes apart', () => {
    const laid = layeredLayout(
      [
        { id: 'a', width: 200, height: 72 },
        { id: 'b', width: 200, height: 72 },
        { id: 'c', width: 200, height: 72 },
      ],
      [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'a', to: 'gone' },
      ],
    )
    expect(laid).not.toBeNull()
    const [a, b, c] = ['a', 'b', 'c'].map((id) => ({ ...laid!.get(id)!, width: 200, height: 72 }))
    expect(a!.y + 72).toBeLessThan(b!.y)
    expect(a!.y + 72).toBeLessThan(c!.y)
    expect(rectsOverlap(b!, c!)).toBe(false)
  })
})
