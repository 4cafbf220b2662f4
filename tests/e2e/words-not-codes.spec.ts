import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test'
import { SUBSTEP_CODES } from '#core/substeps.ts'
import { KINDS } from '#app/method/worksheets.ts'
import { DEMO_PASSWORD, expect, test } from '../playwright-utils.ts'

// Every page of the demo plan, as each role, in each language, reads as words: no translation key
// (activity.actions.x, lifecycle.explain.draft, worksheets:kinds…) and no id is ever shown, and no
// table cell, option, label or list item names a record by its code alone ("S3", "P1 · P1",
// "I1 T1", "C5 (4)": ADR 057). The test only reads: the e2e suite shares the demo database.
//
// It reads the server-rendered pages over HTTP, without a browser: hydration renders the same text
// (a hydration mismatch fails every browser test through the error watch in playwright-utils), and
// a browser would spend most of the time on layout nobody looks at. Some 500 pages take a minute
// this way instead of five.

const LANGUAGES = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' } as const
const ROLES = {
  lead: 'planner@demo.example',
  'co-author': 'union@demo.example',
  contributor: 'employer@demo.example',
  viewer: 'viewer@demo.example',
  'ILO reviewer': 'ilo@demo.example',
  administrator: 'admin@demo.example',
} as const
const DEMO_PLAN_TITLE = 'Disguised casual employment in oil palm estates'

// A translation key starts with a namespace or a top-level key of the locale files, followed by
// at least one ".segment" (plan.fields.title, activity.item.created) or comes as "ns:key".
const localeRoot = path.resolve('app/locales/en')
const namespaces = readdirSync(localeRoot).map((f) => f.replace(/\.json$/, ''))
const topKeys = new Set(
  namespaces.flatMap((ns) =>
    Object.keys(JSON.parse(readFileSync(path.join(localeRoot, `${ns}.json`), 'utf8')) as object),
  ),
)
const KEY_LIKE = /\b([A-Za-z]+)((?:\.[A-Za-z0-9_-]+)+)\b/g
const NAMESPACED = new RegExp(`\\b(?:${namespaces.join('|')}):[A-Za-z]`, 'g')
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi

function codesIn(text: string): string[] {
  const keys = [...text.matchAll(KEY_LIKE)]
    .filter((m) => topKeys.has(m[1]!) || namespaces.includes(m[1]!))
    .map((m) => m[0])
  return [...keys, ...(text.match(NAMESPACED) ?? []), ...(text.match(UUID) ?? [])]
}

// A record's code (M1, Cr2, DEC1, SL3 …) by the prefixes the kinds declare; a cell made of nothing
// but codes and joining marks names no record in words.
const PREFIXES = [...new Set(Object.values(KINDS).map((k) => k.refPrefix))].sort((a, b) => b.length - a.length)
const CODE = `(?:${PREFIXES.join('|')})\\d+(?:\\.\\d+)*`
const BARE_CODES = new RegExp(
  `^(?:★\\s*)?${CODE}(?:\\s*\\(\\d+(?:\\.\\d+)*\\))?(?:\\s*(?:[·×,;:→+−-]\\s*)?${CODE}[+−]?)*[+−]?$`,
)
const NAMING_ELEMENTS = /<(td|th|option|label|li|dt|dd)\b([^>]*)>([\s\S]*?)<\/\1>/gi
// A timeline's quarter headers are no records, though French and Spanish write them T1 to T4.
const NOT_RECORDS = /class="[^"]*\btimeline__quarter\b/

/** The cells, options, labels and list items of a page that show codes and nothing else. */
function bareCodesIn(html: string): string[] {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html
  return [...body.matchAll(NAMING_ELEMENTS)]
    .filter((m) => !NOT_RECORDS.test(m[2]!))
    .map((m) => textOf(m[3]!).replace(/\s+/g, ' ').trim())
    .filter((text) => BARE_CODES.test(text))
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/**
 * The text a reader sees in a server-rendered page: the body's text nodes, without scripts, styles
 * and the title-less markup. Text in `hidden` elements counts too (it is shown once opened).
 */
function textOf(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html
  return body
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#')
        return String.fromCodePoint(
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
        )
      return ENTITIES[name.toLowerCase()] ?? entity
    })
}

/** A signed-in HTTP client that asks for `locale`, as a browser set to that language does. */
async function signedIn(email: string, locale: string, baseURL: string): Promise<APIRequestContext> {
  const client = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': locale } })
  const response = await client.post('/login', { form: { email, password: DEMO_PASSWORD }, maxRedirects: 0 })
  if (response.status() !== 302) throw new Error(`signing in as ${email} failed: ${response.status()}`)
  return client
}

/** A page's HTML. A refusal (403, 404) is a page too, and must read as words; a 5xx never. */
async function html(client: APIRequestContext, url: string, { refusalIsPage = false } = {}): Promise<string> {
  const response = await client.get(url)
  if (refusalIsPage) expect(response.status(), `${url} answers`).toBeLessThan(500)
  else expect(response.status(), `${url} answers`).toBe(200)
  return response.text()
}

/** The demo plan's pages and the portal's own, as a signed-in person reaches them. */
async function pagesOf(client: APIRequestContext, plan: string): Promise<string[]> {
  const review = await html(client, `${plan}/review`)
  const versions = [...review.matchAll(new RegExp(`href="(${plan}/versions/[^"]+)"`, 'g'))].map((m) => m[1]!)
  return [
    ...SUBSTEP_CODES.map((code) => `${plan}/steps/${code}`),
    ...[
      '/plans',
      plan,
      `${plan}/review`,
      ...new Set(versions),
      `${plan}/monitoring`,
      `${plan}/search?q=inspection`,
      `${plan}/members`,
      `${plan}/edit`,
    ],
    ...['/dashboard', '/statistics', '/account', '/admin'],
    ...['/guide', '/guide/planner', '/guide/social-partner', '/guide/ilo-reviewer'],
  ]
}

let planId = ''
test.beforeAll(async ({ baseURL }) => {
  // Someone who does not find the plan in their list (an administrator) still opens its pages by address.
  const lead = await signedIn(ROLES.lead, LANGUAGES.en, baseURL!)
  const list = await html(lead, '/plans')
  planId = new RegExp(`href="/plans/([0-9a-f-]{36})"[^>]*>[^<]*${DEMO_PLAN_TITLE}`).exec(list)?.[1] ?? ''
  await lead.dispose()
  expect(planId, 'the demo plan is listed').not.toBe('')
})

for (const [role, email] of Object.entries(ROLES)) {
  for (const [language, locale] of Object.entries(LANGUAGES)) {
    test(`as the ${role}, in ${language}: every page shows no translation key, no id and no code alone`, async ({
      baseURL,
    }) => {
      test.setTimeout(120_000)
      // The browser's language decides; an account that saved a language of its own gets that one.
      const client = await signedIn(email, locale, baseURL!)
      const paths = await pagesOf(client, `/plans/${planId}`)
      const found: string[] = []
      const started = Date.now()
      // Two pages at a time: the server renders one while the database answers for the other.
      for (let i = 0; i < paths.length; i += 2) {
        const pages = await Promise.all(
          paths.slice(i, i + 2).map(async (p) => [p, await html(client, p, { refusalIsPage: true })] as const),
        )
        for (const [p, page] of pages) {
          const served = /<html[^>]*\slang="([a-z]+)"/.exec(page)?.[1]
          if (served !== language)
            test.info().annotations.push({ type: 'language', description: `${p} came in ${served}` })
          for (const code of codesIn(textOf(page))) found.push(`${p}: ${code}`)
          for (const bare of bareCodesIn(page)) found.push(`${p}: a code alone, "${bare}"`)
        }
      }
      test.info().annotations.push({
        type: 'pages',
        description: `${paths.length} pages in ${Math.round((Date.now() - started) / 1000)} s`,
      })
      await client.dispose()
      expect(found).toEqual([])
    })
  }
}
