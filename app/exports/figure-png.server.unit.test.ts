import { describe, expect, it } from 'vitest'
import { darkShare, pngSize } from '#tests/png.ts'
import { FIGURE_FONT, standaloneSvg, svgToPng } from './figure-png.server.ts'

describe('standaloneSvg', () => {
  it('adds the namespace, the drawing styles with the tokens written out, the font, and the classes of the HTML around it', () => {
    const svg = standaloneSvg(
      '<figure class="progress-chart"><svg viewBox="0 0 10 10"><line class="axis" x1="0" y1="0" x2="10" y2="10"></line></svg><figcaption>Legend</figcaption></figure>',
    )!
    expect(svg).toMatch(/^<svg viewBox="0 0 10 10" xmlns="http:\/\/www.w3.org\/2000\/svg" font-family="Source Sans 3">/)
    const style = /<style>([\s\S]*)<\/style>/.exec(svg)![1]!
    expect(style).toContain('.progress-chart .axis{')
    // Only the rules that can match this drawing: resvg matches every element against every rule.
    expect(style).not.toContain('.target-map__ref')
    // resvg knows neither custom properties nor media queries nor pseudo-classes.
    expect(style).not.toMatch(/var\(|@media|:focus|:has|<\//)
    expect(svg).toContain('<g class="progress-chart"><line class="axis"')
    expect(svg).not.toContain('<figcaption')
    expect(svg.endsWith('</g></svg>')).toBe(true)
  })

  it('returns null for markup without a drawing', () => {
    expect(standaloneSvg('<p class="field__hint">Not enough data</p>')).toBeNull()
  })
})

describe('svgToPng', () => {
  const words = async (systemFonts: boolean) =>
    svgToPng(
      standaloneSvg(
        `<svg viewBox="0 0 400 60"><text x="10" y="42" font-size="32" font-family="${FIGURE_FONT}">Kalindra Ñ é</text></svg>`,
      )!,
      800,
      { systemFonts },
    )

  it('writes text with the packaged font alone, as on a server with no fonts installed', async () => {
    const image = await words(false)
    expect(pngSize(image.png)).toEqual({ width: 800, height: 120 })
    // Without a font resvg draws no text at all: the picture would be blank.
    expect(darkShare(image.png)).toBeGreaterThan(0.03)
  })

  it('draws the same text with the system fonts loaded as a fallback', async () => {
    const [system, packaged] = [await words(true), await words(false)]
    expect(Math.abs(darkShare(system.png) - darkShare(packaged.png))).toBeLessThan(0.005)
  })
})
