// The demo palm oil plan's exports, looked at as a reader gets them: the PDF's pages (through
// poppler-utils) and the Word file's parts and pictures. Checks that the figures are there and
// legible, that headings never end a page, and that no table cell is cut or has a word split.
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '#app/utils/db.server.ts'
import { seedDemo } from '#seed/demo.ts'
import { assertWellFormedDocx, wordText } from '#tests/docx-utils.ts'
import { inkBox, pdfPages, requirePoppler, type PdfPage } from '#tests/pdf-layout.ts'
import { darkShare, pngSize } from '#tests/png.ts'
import { planDocumentToDocx } from './docx.server.ts'
import { htmlToPdf } from './pdf/pdf.server.ts'
import { buildPlanDocument } from './plan-document.server.ts'
import { renderPrintHtml } from './print/render.server.tsx'
import { type Block, type PlanDocument } from './types.ts'

const db = getDb()
let doc: PlanDocument

beforeAll(async () => {
  const ids = await seedDemo(db, 'not-a-real-hash')
  doc = (await buildPlanDocument(db, ids.plans['palm-oil']!))!
})

/** Every block, figures' text equivalents included (`printed`: only what the print view shows). */
function allBlocks(blocks: Block[], printed = false): Block[] {
  return blocks.flatMap((b) =>
    b.type === 'figure' && !(printed && b.figure === 'implementation-chart')
      ? [b, ...allBlocks(b.fallback ?? [], printed)]
      : [b],
  )
}
const blocks = (printed = false) => doc.sections.flatMap((s) => allBlocks(s.blocks, printed))
const figures = () => blocks().filter((b): b is Extract<Block, { type: 'figure' }> => b.type === 'figure')

describe('the PDF of the demo plan', () => {
  let pdf: Uint8Array
  let pages: PdfPage[]

  beforeAll(async () => {
    requirePoppler()
    pdf = await htmlToPdf(await renderPrintHtml(doc))
    pages = pdfPages(pdf)
  })

  // The running footer sits in the bottom page margin (at least 16 mm, 45 pt); lines above it are the page's text.
  const FOOTER = 45
  const body = (page: PdfPage) => page.lines.filter((l) => l.yMax < page.height - FOOTER)

  it('draws the plan map and the target map on landscape pages of their own, large enough to read', () => {
    for (const caption of ['Plan map', 'Target map']) {
      const page = pages.find((p) => p.lines.some((l) => l.text === caption) && p.width > p.height)
      expect(page, `${caption} on a landscape page`).toBeDefined()
      const captionLine = page!.lines.find((l) => l.text === caption)!
      // Everything above the caption is the drawing: its words are the map's boxes and labels.
      const words = page!.lines.filter((l) => l.yMax <= captionLine.yMin).flatMap((l) => l.words)
      expect(words.map((w) => w.text)).toContain('Mills')
      const heights = words.map((w) => w.yMax - w.yMin).sort((a, b) => a - b)
      // The smallest tenth of the map's words: a box of 7 pt is type of about 6 pt, the least one
      // reads on paper. The upright thumbnail this replaced printed them at 5.7.
      expect(heights[Math.floor(heights.length / 10)]).toBeGreaterThanOrEqual(7)
      // And the drawing fills the page: most of its width or of its height.
      const ink = inkBox(pdf, page!.number, { top: 0, bottom: captionLine.yMin })!
      expect(Math.max(ink.width / page!.width, ink.height / captionLine.yMin)).toBeGreaterThan(0.75)
    }
  })

  it('draws the influence × alignment grid and the indicator charts', () => {
    const squash = (t: string) => t.replace(/\s+/g, ' ')
    const text = squash(pages.map((p) => p.lines.map((l) => l.text).join(' ')).join(' '))
    for (const f of figures()) expect(text).toContain(squash(f.caption))
    const grid = pages.find((p) => p.lines.some((l) => l.text === 'Influence × alignment grid'))!
    expect(grid.lines.some((l) => l.words.some((w) => w.text === 'Persuade'))).toBe(true)
  })

  it('keeps a table that fits upright on an upright page', () => {
    // 6.2's indicators: nine columns since references follow the words (ADR 057), whose longest
    // words fit side by side in 180 mm in the smaller type; which tables turn is tableFit's rule,
    // unit-tested in print/table-fit.unit.test.ts.
    const page = pages.find((p) => p.lines.some((l) => l.words.some((w) => w.text === 'Disaggregation')))!
    expect(page.width).toBeLessThan(page.height)
  })

  it('never ends a page with a heading', () => {
    const headings = new Set(blocks().flatMap((b) => (b.type === 'heading' ? [b.text] : [])))
    expect(headings.size).toBeGreaterThan(20)
    const stranded = pages.flatMap((p) => {
      const lines = body(p)
      const last = lines[lines.length - 1]
      return last && headings.has(last.text) ? [`page ${p.number}: ${last.text}`] : []
    })
    expect(stranded).toEqual([])
  })

  it('keeps every word of every table cell whole', () => {
    // A word may wrap after its own hyphen or slash ("non-|continuous"); it may not be split
    // anywhere else ("Re f.", "Quan tity"), which would leave fragments that are no word of the plan.
    const parts = (text: string) => text.split(/[\s\-–/]+/).filter((w) => w.length >= 4)
    const cellWords = new Set(
      blocks(true).flatMap((b) => (b.type === 'table' ? [...b.columns, ...b.rows.flat()].flatMap(parts) : [])),
    )
    expect(cellWords.size).toBeGreaterThan(500)
    const printed = new Set(
      pages.flatMap((p) => p.lines.flatMap((l) => l.words.flatMap((w) => w.text.split(/[-–/]+/)))),
    )
    expect([...cellWords].filter((w) => !printed.has(w))).toEqual([])
  })
})

describe('the DOCX of the demo plan', () => {
  let zip: JSZip
  let document: string

  beforeAll(async () => {
    const buffer = await planDocumentToDocx(doc)
    await assertWellFormedDocx(buffer)
    zip = await JSZip.loadAsync(buffer)
    document = await zip.file('word/document.xml')!.async('string')
  })

  it('holds a picture of every map, the grid and each indicator chart, sharp enough to print', async () => {
    const pictures = figures().filter((f) => f.figure !== 'implementation-chart')
    const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f))
    expect(media).toHaveLength(pictures.length)
    for (const path of media) {
      const png = await zip.file(path)!.async('uint8array')
      const { width, height } = pngSize(png)
      // 200 pixels per inch over at least 15 cm: about 1,200 pixels wide.
      expect(width, path).toBeGreaterThanOrEqual(1200)
      expect(height, path).toBeGreaterThanOrEqual(300)
      // Drawn, not blank: boxes, lines and words leave ink.
      expect(darkShare(png), path).toBeGreaterThan(0.002)
    }
  })

  it('gives every picture its figure’s alt text, and the maps a landscape page', () => {
    const drawings = [...document.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)].map((m) => m[0])
    expect(drawings.length).toBeGreaterThan(3)
    for (const drawing of drawings) expect(drawing).toMatch(/<wp:docPr [^>]*descr="[^"]{10,}"/)
    const planMap = figures().find((f) => f.figure === 'plan-map')!
    const at = document.indexOf(`descr="${planMap.alt}"`)
    expect(at).toBeGreaterThan(0)
    // A section's properties sit in its last paragraph: the first ones from the paragraph of the
    // map on say how the map's page is set.
    const paragraph = document.lastIndexOf('<w:p>', at)
    expect(/<w:pgSz [^>]*w:orient="(\w+)"/.exec(document.slice(paragraph))?.[1]).toBe('landscape')
  })

  it('writes the timeline as a table by quarter with each activity’s quarters merged', () => {
    const chart = figures().find((f) => f.figure === 'implementation-chart')!
    const table = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)]
      .map((m) => m[0])
      .find((t) => wordText(t).includes('Activities by intervention and quarter'))
    expect(table, chart.caption).toBeDefined()
    const text = wordText(table!)
    expect(text).toMatch(/2026.*Q1Q2Q3Q4/)
    expect(table).toMatch(/<w:gridSpan w:val="[2-9]"\/>/)
    expect(text).toMatch(/In progress|Planned|Done/)
  })

  it('sets a table with many columns in smaller type, and on a landscape section when it still does not fit', () => {
    const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)]
    // Seven columns of long words (the data-source catalogue, the cause tree …) stay upright in 8 pt.
    const small = tables.filter((t) => t[0].includes('<w:pStyle w:val="ScpSmallTableText"/>'))
    expect(small.length).toBeGreaterThanOrEqual(2)
    for (const t of small) expect(/<w:pgSz [^>]*w:orient="(\w+)"/.exec(document.slice(t.index!))?.[1]).toBe('portrait')
    // Ten columns (6.2's indicators) go across a turned page, in the usual size.
    const indicators = tables.find((t) => wordText(t[0]).includes('Disaggregation'))!
    const after = document.slice(indicators.index! + indicators[0].length)
    expect(/<w:pgSz [^>]*w:orient="(\w+)"/.exec(after)?.[1]).toBe('landscape')
  })

  it('ends no table cell in "…": long titles are written whole', () => {
    const cells = [...document.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => wordText(m[1]!))
    expect(cells.filter((c) => c.trim().endsWith('…'))).toEqual([])
    // One of the demo's long intervention titles, referred to by name in the activities table.
    expect(wordText(document)).toContain(
      'Publish an annual "regularisation list" of estates that converted ≥ 80 % of core casual workers',
    )
  })

  it('keeps every heading with what follows it', () => {
    const headings = [...document.matchAll(/<w:p>(<w:pPr><w:pStyle w:val="Heading\d"\/>[\s\S]*?)<\/w:pPr>/g)]
    expect(headings.length).toBeGreaterThan(20)
    for (const [, props] of headings) expect(props).toContain('<w:keepNext/>')
  })
})
