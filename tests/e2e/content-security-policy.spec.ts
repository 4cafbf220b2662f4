import { type Page } from '@playwright/test'
import { expect, login, PALM_OIL_TITLE, planIdByTitle, test } from '../playwright-utils.ts'

// The Content-Security-Policy (ADR 032) must block nothing the portal itself does: every page below
// is opened, hydrated and left to load its lazy code and sockets; the shared error watch in
// playwright-utils fails the test on any `securitypolicyviolation` or CSP console error.

/** Every inline script of the page carries a nonce, and the page finished loading what it loads. */
async function settle(page: Page, path: string) {
  const response = await page.goto(path)
  expect(response?.status(), path).toBeLessThan(400)
  await page.waitForLoadState('networkidle')
  const inlineWithoutNonce = await page.evaluate(
    () => [...document.querySelectorAll('script:not([src])')].filter((s) => !(s as HTMLScriptElement).nonce).length,
  )
  expect(inlineWithoutNonce, `inline scripts without a nonce on ${path}`).toBe(0)
  return response!
}

test('the plan pages run under a nonce policy, hydrated, without a violation', async ({ page }) => {
  test.slow()
  await login(page, 'planner@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)

  const first = await settle(page, '/plans')
  const policy = first.headers()['content-security-policy'] ?? ''
  expect(policy).toContain("default-src 'self'")
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(policy).not.toContain("'unsafe-inline' 'nonce")
  const second = await settle(page, '/plans')
  expect(second.headers()['content-security-policy']).not.toBe(policy)

  for (const path of [
    `/plans/${planId}`,
    `/plans/${planId}/steps/2.2`,
    `/plans/${planId}/steps/6.2`,
    `/plans/${planId}/monitoring`,
    `/plans/${planId}/search?q=wage`,
    '/account',
  ]) {
    await settle(page, path)
  }
  // Hydrated: the client router navigates without a full page load (the marker survives).
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true))
  await page.getByRole('link', { name: 'Plans', exact: true }).first().click()
  await expect(page).toHaveURL('/plans')
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true)
})

test('the lazily loaded editor connects to the collab-server under the policy', async ({ page }) => {
  test.slow()
  await login(page, 'planner@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  await settle(page, `/plans/${planId}/steps/1.1`)
  const notes = page.locator('.collab').filter({ has: page.getByLabel('Team notes for sub-step 1.1', { exact: true }) })
  await expect(notes.getByRole('status')).toHaveText('Connected', { timeout: 30_000 })
})

test('the print view keeps its inlined styles and its nonce-carrying Print button script', async ({ page }) => {
  await login(page, 'viewer@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  await settle(page, `/plans/${planId}/print`)
  await expect(page.getByRole('navigation', { name: 'Printable plan' })).toBeVisible()
  // The inlined stylesheet applied: the toolbar disappears for print.
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'Printable plan' })).toBeHidden()
})

test('the reviewer, administrator and sign-in pages run under the policy without a violation', async ({
  page,
  newUser,
}) => {
  test.slow()
  await login(page, 'ilo@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  for (const path of [`/plans/${planId}/review`, '/dashboard', '/statistics']) await settle(page, path)
  const admin = await newUser('admin@demo.example')
  for (const path of ['/admin/users', '/admin/organisations']) await settle(admin, path)
  const anonymous = await newUser(null)
  await settle(anonymous, '/login')
})

test('an injected inline script is blocked and reported', async ({ browser, baseURL }) => {
  // Its own context, outside the shared error watch: here the violation is the expected outcome.
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  const violations: string[] = []
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation: (d: string) => void }).reportViolation(event.effectiveDirective),
    )
  })
  await page.goto('/login')
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.injectedRan = true'
    document.body.append(script)
    const img = document.createElement('img')
    img.setAttribute('onerror', 'window.handlerRan = true')
    img.src = 'data:,not-an-image'
    document.body.append(img)
  })
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2)
  expect(violations).toContain('script-src-elem')
  expect(await page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan)).toBeUndefined()
  expect(await page.evaluate(() => (window as unknown as { handlerRan?: boolean }).handlerRan)).toBeUndefined()
  await context.close()
})
