import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedDemo, type DemoIds } from '#seed/demo.ts'
import { loadOncePerFile } from '#tests/table-snapshot.ts'
import { args, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as overviewLoader } from './plans.$planId._index.tsx'
import { loader } from './plans.$planId.export[.]pdf.ts'
import { pdfQueueStats } from '../exports/pdf/pdf.server.ts'

const db = getDb()
let ids: DemoIds
let palm: string
const configured = process.env.CHROMIUM_PATH

// Every test starts from the demo; it is loaded once and put back before each test.
const loadDemo = loadOncePerFile(() => seedDemo(db, 'not-a-real-hash'))

beforeEach(async () => {
  ids = await loadDemo()
  palm = ids.plans['palm-oil']!
})

afterEach(() => {
  if (configured === undefined) delete process.env.CHROMIUM_PATH
  else process.env.CHROMIUM_PATH = configured
})

async function download(cookie: string): Promise<Response> {
  try {
    return (await loader(args(makeRequest(`/plans/${palm}/export.pdf`, { cookie }), { planId: palm }))) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/** The outline as nested titles. */
interface OutlineNode {
  title: string
  items: OutlineNode[]
}
const titles = (outline: OutlineNode[] | null): string[] =>
  (outline ?? []).flatMap((o) => [o.title, ...titles(o.items)])

describe('the PDF export', () => {
  it('is a tagged A4 PDF with the plan text, step bookmarks, title and language', async () => {
    const res = await download(await sessionCookieFor(ids.users['planner@demo.example']!))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="Regional-Tripartite-Strategic-Compliance-Plan-2026-2027-[\w-]+\.pdf"$/,
    )
    const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()), useSystemFonts: false }).promise
    try {
      const info = (await pdf.getMetadata()).info as Record<string, unknown>
      expect(info.Title).toMatch(/Disguised casual employment in oil palm estates/)
      expect(info.Language).toBe('en')
      expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true })
      const first = await pdf.getPage(1)
      // A4 is 595.3 × 841.9 points.
      expect(Math.abs(first.view[2]! - 595.3)).toBeLessThan(1)
      expect(Math.abs(first.view[3]! - 841.9)).toBeLessThan(1.5)
      expect((await first.getStructTree())?.children?.[0]).toMatchObject({ role: 'Document' })

      const bookmarks = titles(await pdf.getOutline())
      for (const step of [1, 2, 3, 4, 5, 6]) expect(bookmarks.some((t) => t.startsWith(`Step ${step} · `))).toBe(true)
      expect(bookmarks).toContain('2.2 Prioritise issues and targets')

      let text = ''
      for (let n = 1; n <= pdf.numPages; n++) {
        const content = await (await pdf.getPage(n)).getTextContent()
        text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n'
      }
      const flat = text.replace(/\s+/g, ' ')
      expect(flat).toContain('Disguised casual employment in oil palm estates')
      expect(flat).toContain('Group HQ HR directors (9 groups)')
      expect(flat).toContain('14,000')
    } finally {
      await pdf.destroy()
    }
  }, 120_000)

  it('answers a 503 page offering the print view when the server has no Chromium, and the overview says so', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium'
    const cookie = await sessionCookieFor(ids.users['viewer@demo.example']!)
    const res = await download(cookie)
    expect(res.status).toBe(503)
    expect(res.headers.get('Content-Type')).toContain('text/html')
    const page = await res.text()
    expect(page).toContain('This server has no Chromium')
    expect(page).toContain(`href="/plans/${palm}/print"`)
    const overview = (await overviewLoader(args(makeRequest(`/plans/${palm}`, { cookie }), { planId: palm }))) as {
      pdfAvailable: boolean
    }
    expect(overview.pdfAvailable).toBe(false)
  })

  it('answers 404 to a non-member', async () => {
    const { cookie } = await createUserWithSession(db)
    const res = await download(cookie)
    expect(res.status).toBe(404)
    expect(res.headers.get('Content-Type')).toContain('text/html')
  })
})

describe('PDF exports per user', () => {
  it(
    'refuses a reader’s ten parallel exports beyond two with 429, while another reader still gets a PDF',
    { timeout: 240_000 },
    async () => {
      const viewer = await sessionCookieFor(ids.users['viewer@demo.example']!)
      const planner = await sessionCookieFor(ids.users['planner@demo.example']!)
      let settled = 0
      const burst = Array.from({ length: 10 }, () => download(viewer).finally(() => settled++))
      // Every export of the burst is answered or holds a place in the print queue; without a per-user
      // limit the burst now fills the queue and the other reader's export is a 503.
      while (pdfQueueStats().running + pdfQueueStats().waiting + settled < 10)
        await new Promise((resolve) => setTimeout(resolve, 20))
      const other = await download(planner)
      const replies = await Promise.all(burst)
      expect(other.status).toBe(200)
      expect(other.headers.get('Content-Type')).toBe('application/pdf')
      const statuses = replies.map((r) => r.status).sort()
      expect(statuses).toEqual([200, 200, 429, 429, 429, 429, 429, 429, 429, 429])
      const refused = replies.find((r) => r.status === 429)!
      expect(refused.headers.get('Retry-After')).toBe('30')
      expect(await refused.text()).toContain('You already have PDF files being made')
      // The limit is on exports in progress: once they are done the reader may export again.
      expect((await download(viewer)).status).toBe(200)
    },
  )
})
