import { axeViolations } from '../axe.ts'
import { expect, login, PALM_OIL_TITLE, planIdByTitle, test, waitForHydratedForm } from '../playwright-utils.ts'
import { type Page } from '@playwright/test'

const seriousViolations = (page: Page) => axeViolations(page, { minImpact: 'serious' })

test('the sign-in page has no serious accessibility violations', async ({ page }) => {
  await page.goto('/login')
  expect(await seriousViolations(page)).toEqual([])
  // With an error shown too.
  await page.getByLabel('Email address').fill('planner@demo.example')
  await page.getByLabel('Password').fill('wrong password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

test('the signed-in pages have no serious accessibility violations', async ({ page }) => {
  await login(page, 'planner@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  const pages: [string, RegExp | string][] = [
    ['/plans', 'Plans'],
    [`/plans/${planId}`, PALM_OIL_TITLE],
    [`/plans/${planId}/members`, PALM_OIL_TITLE],
    [`/plans/${planId}/search?q=estate+workers`, PALM_OIL_TITLE],
    ['/plans/new', 'New plan'],
    ['/account', 'Your account'],
  ]
  for (const [path, heading] of pages) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    expect(await seriousViolations(page), path).toEqual([])
  }
})

test('the new plan form with validation messages has no serious accessibility violations', async ({ page }) => {
  await login(page, 'planner@demo.example')
  await page.goto('/plans/new')
  await waitForHydratedForm(page, 'new-plan')
  await page.getByLabel('Title').fill('Accessibility check')
  await page.getByLabel('Start date').fill('2026-06-01')
  await page.getByLabel('End date').fill('2026-01-01')
  await page.getByLabel('End date').blur()
  await expect(page.getByLabel('End date')).toHaveAccessibleDescription('The end date must be after the start date.')
  expect(await seriousViolations(page)).toEqual([])
})

test('the administration pages have no serious accessibility violations', async ({ page }) => {
  await login(page, 'admin@demo.example')
  for (const path of ['/admin/users', '/admin/organisations']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible()
    expect(await seriousViolations(page), path).toEqual([])
  }
})
