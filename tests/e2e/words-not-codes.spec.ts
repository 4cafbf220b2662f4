import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type Page } from '@playwright/test'
import { SUBSTEP_CODES } from '../../app/utils/substeps.ts'
import { expect, login, PALM_OIL_TITLE, planIdByTitle, test } from '../playwright-utils.ts'

// Every page of the demo plan, as each role, in each language, reads as words: no translation key
// (activity.actions.x, lifecycle.explain.draft, worksheets:kinds…) and no id is ever shown. The
// test only reads: the e2e suite shares the demo database. One test per role and language keeps
// each within its time.

const LANGUAGES = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' } as const
const ROLES = {
  lead: 'planner@demo.example',
  'co-author': 'union@demo.example',
  contributor: 'employer@demo.example',
  viewer: 'viewer@demo.example',
  'ILO reviewer': 'ilo@demo.example',
  administrator: 'admin@demo.example',
} as const

// A translation key starts with a namespace or a top-level key of the locale files, followed by
// at least one ".segment" (plan.fields.title, activity.item.created) or comes as "ns:key".
const localeRoot = path.resolve('app/locales/en')
const namespaces = readdirSync(localeRoot).map((f) => f.replace(/\.json$/, ''))
const topKeys = new Set(namespaces.flatMap((ns) => Object.keys(JSON.parse(readFileSync(path.join(localeRoot, `${ns}.json`), 'utf8')) as object)))
const KEY_LIKE = /\b([A-Za-z]+)((?:\.[A-Za-z0-9_-]+)+)\b/g
const NAMESPACED = new RegExp(`\\b(?:${namespaces.join('|')}):[A-Za-z]`, 'g')
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi

function codesIn(text: string): string[] {
  const keys = [...text.matchAll(KEY_LIKE)].filter((m) => topKeys.has(m[1]!) || namespaces.includes(m[1]!)).map((m) => m[0])
  return [...keys, ...(text.match(NAMESPACED) ?? []), ...(text.match(UUID) ?? [])]
}

/** The plan's pages and the portal's own, as a signed-in person reaches them, in two halves. */
const PAGES = {
  'the 16 sub-steps': async (_page: Page, plan: string) => SUBSTEP_CODES.map((code) => `${plan}/steps/${code}`),
  'the overview, review, versions, monitoring, search, team and portal pages': async (page: Page, plan: string) => {
    await page.goto(`${plan}/review`, { waitUntil: 'domcontentloaded' })
    const versions = await page.locator(`a[href^="${plan}/versions/"]`).evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
    return ['/plans', plan, `${plan}/review`, ...new Set(versions), `${plan}/monitoring`, `${plan}/search?q=inspection`, `${plan}/members`, `${plan}/edit`, '/dashboard', '/statistics', '/account', '/admin']
  },
}

for (const [role, email] of Object.entries(ROLES)) {
  for (const [language, locale] of Object.entries(LANGUAGES)) {
    for (const [which, pagesOf] of Object.entries(PAGES)) {
      test(`as the ${role}, in ${language}: ${which} show no translation key and no id`, async ({ newUser }) => {
        test.setTimeout(120_000)
        // The browser asks for the language; an account that saved a language of its own gets that one.
        // Server-rendered pages only (hydration renders the same text): no scripts, editors or live
        // streams to load, so that some thirty pages fit in the test's time on a busy machine.
        const page = await newUser(null, { locale, javaScriptEnabled: false })
        await login(page, email)
        const served = await page.locator('html').getAttribute('lang')
        if (served !== language) test.info().annotations.push({ type: 'language', description: `${email} has ${served} saved on the account` })
        // Someone who does not find the plan in their list (an administrator) still opens its pages by address.
        const planId = await planIdByTitle(page, PALM_OIL_TITLE).catch(async () => planIdByTitle(await newUser(ROLES.lead), PALM_OIL_TITLE))
        const paths = await pagesOf(page, `/plans/${planId}`)
        const found: string[] = []
        const started = Date.now()
        for (const p of paths) {
          await page.goto(p, { waitUntil: 'domcontentloaded' })
          const text = await page.evaluate(() => document.body.innerText)
          for (const code of codesIn(text)) found.push(`${p}: ${code}`)
        }
        test.info().annotations.push({ type: 'pages', description: `${paths.length} pages in ${Math.round((Date.now() - started) / 1000)} s` })
        expect(found).toEqual([])
      })
    }
  }
}
