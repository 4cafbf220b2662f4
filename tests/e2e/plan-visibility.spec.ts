import { type Page } from '@playwright/test'
import { expect, FISHING_TITLE, login, PALM_OIL_TITLE, test } from '../playwright-utils.ts'

// Other journeys create plans as the demo accounts (the planner leads several), so the planner's
// list is checked for what it must and must not hold rather than counted.
function planLinks(page: Page) {
  return page.getByRole('table').getByRole('rowheader').getByRole('link')
}

test('the palm oil lead sees only the palm oil plan, as its lead', async ({ page }) => {
  await login(page, 'planner@demo.example')
  await expect(planLinks(page).first()).toBeVisible()
  const row = page.getByRole('row', { name: PALM_OIL_TITLE })
  await expect(row.getByRole('cell', { name: 'Lead' })).toBeVisible()
  await expect(page.getByRole('link', { name: FISHING_TITLE })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0)
})

test('the fisheries lead sees only the fishing plan', async ({ page }) => {
  await login(page, 'fisheries@demo.example')
  await expect(planLinks(page)).toHaveCount(1)
  await expect(page.getByRole('link', { name: FISHING_TITLE })).toBeVisible()
  await expect(page.getByRole('link', { name: PALM_OIL_TITLE })).toHaveCount(0)
})

test('the ILO reviewer sees both plans with reviewer access', async ({ page }) => {
  await login(page, 'ilo@demo.example')
  for (const title of [PALM_OIL_TITLE, FISHING_TITLE]) {
    await expect(page.getByRole('row', { name: title }).getByRole('cell', { name: 'Reviewer access' })).toBeVisible()
  }
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0)
})

test('the viewer sees the palm oil plan and its team, without team management controls', async ({ page }) => {
  await login(page, 'viewer@demo.example')
  await expect(planLinks(page)).toHaveCount(1)
  await page.getByRole('link', { name: PALM_OIL_TITLE }).click()
  await expect(page.getByText('Your role: Viewer')).toBeVisible()
  const sections = page.getByRole('navigation', { name: 'Plan sections' })
  await expect(sections.getByRole('link', { name: 'Details' })).toHaveCount(0)
  await sections.getByRole('link', { name: 'Team' }).click()
  await expect(page.getByRole('heading', { name: 'Planning team' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Ratna Wijaya/ })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Add a member' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0)
  await expect(page.getByRole('combobox')).toHaveCount(0)
})

test('the administrator sees the Administration link and the people list', async ({ page }) => {
  await login(page, 'admin@demo.example')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible()
  await expect(page.getByRole('row', { name: /ilo@demo\.example/ })).toBeVisible()
})

test('a member who is not an administrator is refused the administration pages', async ({ page }) => {
  await login(page, 'planner@demo.example')
  const response = await page.goto('/admin/users')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible()
})
