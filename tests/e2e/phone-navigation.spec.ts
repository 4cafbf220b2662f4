// On a phone the header's navigation folds behind a menu button and the sub-step menu opens as a
// drawer; both are keyboard operable and give focus back where it was.
import { expect, login, PALM_OIL_TITLE, planIdByTitle, openSubstep, test } from '../playwright-utils.ts'

test.use({ viewport: { width: 390, height: 844 } })

test('the header menu folds on a phone and opens, closes by Escape and on navigation', async ({ page }) => {
  await login(page, 'ilo@demo.example')
  const menu = page.getByRole('button', { name: 'Menu' })
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByRole('link', { name: 'Dashboard' })).toBeHidden()
  // The folded header leaves the page its height: well under a fifth of the screen.
  expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThan(844 / 5)

  await menu.focus()
  await page.keyboard.press('Enter')
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByRole('link', { name: 'Dashboard' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Escape')
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(menu).toBeFocused()

  await menu.click()
  await page.getByRole('link', { name: 'Dashboard' }).click()
  await expect(page).toHaveURL(/\/dashboard/)
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
})

test('the sub-step menu opens as a drawer on a phone and leads to another sub-step', async ({ page }) => {
  await login(page, 'planner@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  await openSubstep(page, planId, '2.2')
  // The sidebar has no room: its links are not on the page until the drawer opens.
  await expect(page.getByRole('link', { name: '4.1 Brainstorm stakeholders' })).toBeHidden()
  const open = page.getByRole('button', { name: 'Sub-steps (2.2)' })
  await open.click()
  const drawer = page.getByRole('dialog', { name: 'Sub-steps' })
  await expect(drawer).toBeVisible()
  await expect(drawer.getByRole('link', { name: /^2\.2 / })).toHaveAttribute('aria-current', 'page')
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(open).toBeFocused()

  await open.click()
  await drawer.getByRole('link', { name: '4.1 Brainstorm stakeholders' }).click()
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/steps/4\\.1$`))
  await expect(page.getByRole('heading', { level: 2, name: /^4\.1 / })).toBeVisible()
  await expect(page.getByRole('dialog')).toBeHidden()
})

test('a laptop keeps the sub-step sidebar and the unfolded header', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 })
  await login(page, 'planner@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  await openSubstep(page, planId, '1.1')
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden()
  await expect(page.getByRole('button', { name: /^Sub-steps/ })).toBeHidden()
  await expect(page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: /^6\.2 / })).toBeVisible()
})
