import { type Page } from '@playwright/test'
import { expect, login, test } from '../playwright-utils.ts'

// The getting-started guides (ADR 057): public, one per role, reached from the header by keyboard,
// linking into the demo plan's sub-steps only for someone who may read it. Reads the demo data only.

const DEMO_STEP = /\/plans\/[0-9a-f-]{36}\/steps\/2\.2$/

/** Tabs from the top of the page until `name` has the focus (at most `limit` presses). */
async function tabTo(page: Page, name: string, limit = 15) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return
  }
  throw new Error(`"${name}" was not reached by ${limit} presses of Tab`)
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

test('signed out, on a phone: the header leads by keyboard to the guides, which fit and link to no plan', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/login')
  // On a phone the header's links fold behind its Menu button (ADR 058).
  await expect(page.locator('.site-header[data-foldable]')).toBeAttached()
  await tabTo(page, 'Menu')
  await page.keyboard.press('Enter')
  await tabTo(page, 'Getting started')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/guide$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible()
  expect(await overflow(page)).toBeLessThanOrEqual(0)

  await page.getByRole('link', { name: 'ILO reviewer' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/guide\/ilo-reviewer$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Getting started: ILO reviewer')
  await expect(page.getByRole('heading', { level: 3 })).toHaveCount(6)
  await expect(page.getByText('2.2 Prioritise issues and targets')).toBeVisible()
  // Nothing to open for someone who may not read the demo plan: the sub-steps are plain text.
  await expect(page.locator('main a[href^="/plans/"]')).toHaveCount(0)
  await expect(page.getByText('Sign in with an account on the demo plan')).toBeVisible()
  expect(await overflow(page)).toBeLessThanOrEqual(0)
})

test('a social partner on the demo plan opens its sub-steps from the guide', async ({ page }) => {
  await login(page, 'union@demo.example')
  await page.getByRole('link', { name: 'Getting started' }).click()
  await page.getByRole('link', { name: 'Social partner' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Getting started: Social partner')
  await expect(page.locator('main a[href*="/steps/"]')).toHaveCount(16)
  await page.getByRole('link', { name: 'Open 2.2 Prioritise issues and targets in the demo plan' }).click()
  await expect(page).toHaveURL(DEMO_STEP)
})

test('someone not on the demo plan reads the guide without links into it', async ({ page }) => {
  await login(page, 'fisheries@demo.example')
  await page.goto('/guide/planner')
  await expect(page.getByRole('heading', { level: 2, name: 'Your part' })).toBeVisible()
  await expect(page.locator('main a[href*="/steps/"]')).toHaveCount(0)
})

for (const [locale, role, heading] of [
  ['es-ES', 'social-partner', 'Primeros pasos: Interlocutor social'],
  ['fr-FR', 'planner', 'Premiers pas : Planificateur'],
] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale })
    test('the guide speaks the reader’s language, and so does its header link', async ({ page }) => {
      await page.goto(`/guide/${role}`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading)
      await expect(page.locator('.site-header__guide')).toHaveText(heading.split(/ ?:/)[0]!)
    })
  })
}
