import { test as base, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test'
import { generate } from 'otplib'
import { hashPassword } from '#app/utils/crypto.server.ts'
import { createDb } from '#db/client.ts'
import { readE2eDatabaseUrl } from './e2e/database-url.ts'
import type { E2eFactories, Person } from './factories/e2e.ts'

export { expect }
// Types only (erased): the factories themselves are loaded when a test first asks for them.
export type { E2eFactories, Person, TeamRoles } from './factories/e2e.ts'

export const DEMO_PASSWORD = 'scp-demo-2026'
export const PALM_OIL_TITLE = /Disguised casual employment in oil palm estates/
export const FISHING_TITLE = /Port of Puerto Azul Strategic Compliance Plan 2026/

// The sign-in labels in the three languages, so the helper works whatever the page is shown in.
const EMAIL_LABEL = /^(Email address|Adresse électronique|Correo electrónico)$/
const PASSWORD_LABEL = /^(Password|Mot de passe|Contraseña)$/
const SIGN_IN_BUTTON = /^(Sign in|Se connecter|Iniciar sesión)$/

/** Signs in through the real form, as a person does, and waits for the plans page (or `expectPath`). */
export async function loginThroughForm(
  page: Page,
  email: string,
  { password = DEMO_PASSWORD, expectPath = /\/plans$/ } = {},
) {
  await page.goto('/login')
  await page.getByLabel(EMAIL_LABEL).fill(email)
  await page.getByLabel(PASSWORD_LABEL).fill(password)
  await page.getByRole('button', { name: SIGN_IN_BUTTON }).click()
  await expect(page).toHaveURL(expectPath)
}

// The last time step whose code each secret signed in with, in this worker: the server refuses a
// code whose step was used already (ADR 064), so a second sign-in takes the next step's code.
const lastStep = new Map<string, number>()

/**
 * A code for `secret` the server has not seen from this worker: the current step's, else the next
 * one (accepted a step early); waits for time to move on only after two sign-ins in one step.
 */
export async function nextTotpCode(secret: string): Promise<string> {
  const stepNow = () => Math.floor(Date.now() / 30_000)
  const step = Math.max(stepNow(), (lastStep.get(secret) ?? 0) + 1)
  if (step > stepNow() + 1) await expect.poll(stepNow, { timeout: 31_000 }).toBeGreaterThanOrEqual(step - 1)
  lastStep.set(secret, step)
  return generate({ secret, epoch: step * 30 })
}

/**
 * Signs in by posting the sign-in form's fields from the page's own cookie jar, then opens the page
 * the portal sends a signed-in person to (or `expectPath`). A person with two-factor on answers
 * the second step with a code from their secret. The forms themselves are exercised by
 * sign-in.spec.ts and two-factor.spec.ts; elsewhere rendering and hydrating the sign-in page for
 * every person of every test would only spend the suite's time.
 */
export async function login(
  page: Page,
  who: string | Person,
  { password = DEMO_PASSWORD, expectPath = /\/plans$/ } = {},
) {
  const email = typeof who === 'string' ? who : who.email
  const response = await page.request.post('/login', { form: { email, password }, maxRedirects: 0 })
  let location = response.headers()['location']
  if (response.status() !== 302 || !location) throw new Error(`signing in as ${email} failed: ${response.status()}`)
  if (location === '/login/two-factor') {
    const secret = typeof who === 'string' ? undefined : who.totpSecret
    if (!secret) throw new Error(`${email} has two-factor on: pass the Person with its totpSecret`)
    const second = await page.request.post(location, { form: { code: await nextTotpCode(secret) }, maxRedirects: 0 })
    location = second.headers()['location']
    if (second.status() !== 302 || !location) throw new Error(`the second step for ${email} failed: ${second.status()}`)
  }
  await page.goto(location)
  await expect(page).toHaveURL(expectPath)
}

/** Waits until React has hydrated a sub-step page: a click on a React control before that is lost (ADR 027). */
export async function substepHydrated(page: Page) {
  // Generous: on a busy machine the scripts of a large sub-step take a while to arrive and run.
  await expect(page.locator('article.substep[data-hydrated]')).toBeAttached({ timeout: 30_000 })
}

/** Opens a sub-step page and waits until React has taken over its forms. */
export async function openSubstep(page: Page, planId: string, code: string) {
  await page.goto(`/plans/${planId}/steps/${code}`)
  await substepHydrated(page)
}

/** Fills the 1.1 "Add a mandate item" form (opening it if folded) without sending it; returns the form. */
export async function fillMandateItem(page: Page, instrument: string) {
  const form = page.getByRole('form', { name: 'Add a mandate item' })
  if (!(await form.isVisible()))
    await page
      .locator('summary')
      .filter({ hasText: /^Add a mandate item$/ })
      .click()
  await form.getByLabel(/^Instrument( \*)?$/).fill(instrument)
  await form.getByLabel(/^Power or limit( \*)?$/).selectOption('entry_inspection')
  return form
}

/**
 * Waits until React has hydrated a conform form: before that the browser's own constraint
 * validation is active (progressive enhancement) and client-side messages cannot appear.
 */
export async function waitForHydratedForm(page: Page, formId: string) {
  await expect(page.locator(`form#${formId}`)).toHaveAttribute('novalidate', '')
}

/** Marks what the Content-Security-Policy blocked on a page, in a console line the watcher below recognises. */
export const CSP_VIOLATION_MARK = '[csp-violation]'

/**
 * Fails the test on uncaught page errors, React hydration errors and anything the
 * Content-Security-Policy blocked (ADR 032), none of which users ever see reported.
 */
function watchForErrors(page: Page, problems: string[]) {
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`))
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      /hydrat|Minified React error|did not match|Content Security Policy/i.test(message.text())
    )
      problems.push(`console on ${page.url()}: ${message.text().split('\n')[0]}`)
    if (message.text().startsWith(CSP_VIOLATION_MARK))
      problems.push(`CSP violation on ${page.url()}: ${message.text()}`)
  })
  void page.addInitScript((mark) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.warn(
        `${mark} ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      )
    })
  }, CSP_VIOLATION_MARK)
}

export interface PlanInput {
  title: string
  countryCode?: string
  sectors?: string[]
  scope?: 'national' | 'regional' | 'sectoral'
  startDate?: string
  endDate?: string
}

/** Creates a plan as the page's signed-in user by posting the real form; returns its id. */
export async function createPlan(page: Page, input: PlanInput): Promise<string> {
  const form = new URLSearchParams({
    title: input.title,
    countryCode: input.countryCode ?? 'XL',
    scope: input.scope ?? 'regional',
    startDate: input.startDate ?? '2026-03-01',
    endDate: input.endDate ?? '2027-02-28',
    workingLanguage: 'en',
  })
  for (const s of input.sectors ?? ['A']) form.append('sectors', s)
  const response = await page.request.post('/plans/new', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: form.toString(),
    maxRedirects: 0,
  })
  const location = response.headers()['location'] ?? ''
  const id = /\/plans\/([0-9a-f-]{36})$/.exec(location)?.[1]
  if (!id) throw new Error(`creating the plan failed: ${response.status()} ${location}`)
  return id
}

/** The id of a plan listed on /plans, found by its title. */
export async function planIdByTitle(page: Page, title: RegExp | string): Promise<string> {
  await page.goto('/plans')
  const href = await page.getByRole('link', { name: title }).getAttribute('href')
  const id = /\/plans\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1]
  if (!id) throw new Error(`no plan link for ${String(title)}`)
  return id
}

/** A unique suffix for data a test creates, so runs against a reused server do not collide. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
}

type Fixtures = {
  /** Opens another browser context (another person), signed in as `email` unless `email` is null. */
  newUser: (who: string | Person | null, options?: BrowserContextOptions) => Promise<Page>
}

async function openContext(browser: Browser, options: BrowserContextOptions | undefined, problems: string[]) {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC', ...options })
  const page = await context.newPage()
  watchForErrors(page, problems)
  return page
}

type WorkerFixtures = {
  /** Makes people (who sign in with DEMO_PASSWORD) and plans straight in the e2e server's database. */
  factories: E2eFactories
}

export const test = base.extend<Fixtures & { errorWatch: string[] }, WorkerFixtures>({
  factories: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, run) => {
      // Loaded on first use: the factories import the method's definitions, which no other spec needs.
      const { e2eFactories } = await import('./factories/e2e.ts')
      const db = createDb(readE2eDatabaseUrl(), { max: 2 })
      // argon2 takes a good fraction of a second: hashed once per worker, not per person.
      await run(e2eFactories(db, await hashPassword(DEMO_PASSWORD)))
      await db.destroy()
    },
    { scope: 'worker' },
  ],
  errorWatch: [
    async ({ page }, run) => {
      const problems: string[] = []
      watchForErrors(page, problems)
      await run(problems)
      expect(problems, 'errors in the browser').toEqual([])
    },
    { auto: true },
  ],
  newUser: async ({ browser, errorWatch }, run) => {
    const pages: Page[] = []
    await run(async (who, options) => {
      const page = await openContext(browser, options, errorWatch)
      pages.push(page)
      if (who) await login(page, who)
      return page
    })
    await Promise.all(pages.map((p) => p.context().close()))
  },
})
