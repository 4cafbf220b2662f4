import { type Locator, type Page } from '@playwright/test'
import { createPlan, expect, login, test, unique } from '../playwright-utils.ts'

// A fresh plan led by the Social Security Agency (government), so the demo plans stay as seeded.
const LEAD = 'ssa@demo.example'
const NOT_TRIPARTITE = /This plan is not tripartite yet/
const TRIPARTITE = 'Government, workers and employers are all on the team.'

async function optionText(scope: Locator, name: RegExp): Promise<string> {
  return ((await scope.getByRole('option', { name }).textContent()) ?? '').trim()
}

async function addMember(page: Page, name: string, role: string) {
  const form = page.getByRole('region', { name: 'Add a member' })
  await form.getByLabel('Person').selectOption({ label: await optionText(form, new RegExp(`^${name} ·`)) })
  await form.getByLabel('Plan role').selectOption({ label: await optionText(form, new RegExp(`^${role} —`)) })
  await form.getByRole('button', { name: 'Add to plan' }).click()
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible()
}

test('the lead builds a tripartite team, changes a role, and a removed member loses access at once', async ({
  page,
  newUser,
}) => {
  await login(page, LEAD)
  const planId = await createPlan(page, { title: unique('Team journey plan'), countryCode: 'XL' })
  await page.goto(`/plans/${planId}/members`)
  await expect(page.getByRole('heading', { name: 'Planning team' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: NOT_TRIPARTITE })).toContainText(
    "Workers' organisation, Employers' organisation",
  )
  await expect(page.getByRole('row')).toHaveCount(2)

  await addMember(page, 'Hendra Gunawan', 'Contributor')
  await expect(page.getByText(NOT_TRIPARTITE)).toContainText("Employers' organisation")
  await expect(page.getByText(NOT_TRIPARTITE)).not.toContainText("Workers' organisation")

  await addMember(page, 'Yusuf Rahman', 'Co-author')
  await expect(page.getByText(TRIPARTITE)).toBeVisible()
  await expect(page.getByText(NOT_TRIPARTITE)).toHaveCount(0)

  // Yusuf (employers' organisation) opens the plan in his own browser.
  const yusuf = await newUser('estate@demo.example')
  await yusuf.goto(`/plans/${planId}`)
  await expect(yusuf.getByText('Your role: Co-author')).toBeVisible()

  // The lead makes him a viewer.
  const row = page.getByRole('row', { name: /Yusuf Rahman/ })
  await row.getByLabel('Plan role of Yusuf Rahman').selectOption('viewer')
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/members')),
    row.getByRole('button', { name: 'Change' }).click(),
  ])
  await page.reload()
  await expect(page.getByLabel('Plan role of Yusuf Rahman')).toHaveValue('viewer')
  await yusuf.reload()
  await expect(yusuf.getByText('Your role: Viewer')).toBeVisible()

  // Removing him brings the warning back and ends his access on his next request.
  await page.getByRole('button', { name: 'Remove Yusuf Rahman from the plan' }).click()
  await expect(page.getByRole('row', { name: /Yusuf Rahman/ })).toHaveCount(0)
  await expect(page.getByText(NOT_TRIPARTITE)).toContainText("Employers' organisation")

  const response = await yusuf.reload()
  expect(response?.status()).toBe(404)
  await expect(yusuf.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(yusuf.getByText(/Team journey plan/)).toHaveCount(0)
})

test('the last lead cannot be removed', async ({ page }) => {
  await login(page, LEAD)
  const planId = await createPlan(page, { title: unique('Last lead plan') })
  await page.goto(`/plans/${planId}/members`)
  await page.getByRole('button', { name: 'Remove Wulan Sari from the plan' }).click()
  await expect(page.getByRole('alert')).toHaveText('A plan must keep at least one lead. Make someone else lead first.')
  await expect(page.getByRole('row', { name: /Wulan Sari/ })).toBeVisible()
})
