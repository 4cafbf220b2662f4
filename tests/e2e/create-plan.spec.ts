import { type Page } from '@playwright/test'
import { expect, login, test, unique, waitForHydratedForm } from '../playwright-utils.ts'

// The Social Security Agency account creates plans here, so the demo accounts' plan lists stay as seeded.
const CREATOR = 'ssa@demo.example'
const SUBSTEPS = [
  '1.1',
  '1.2',
  '1.3',
  '2.1',
  '2.2',
  '2.3',
  '3.1',
  '3.2',
  '4.1',
  '4.2',
  '4.3',
  '5.1',
  '5.2',
  '5.3',
  '6.1',
  '6.2',
]

async function fillPlan(page: Page, title: string, startDate: string, endDate: string) {
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('Scope').selectOption({ label: 'Sectoral' })
  await page.getByLabel('Start date').fill(startDate)
  await page.getByLabel('End date').fill(endDate)
}

test('client-side validation shows a message next to a field as soon as it is left', async ({ page }) => {
  await login(page, CREATOR)
  await page.getByRole('link', { name: 'New plan' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New plan' })).toBeVisible()
  await waitForHydratedForm(page, 'new-plan')
  await expect(page.getByLabel('Country')).toHaveValue('XL')

  let posted = false
  page.on('request', (request) => {
    if (request.method() === 'POST') posted = true
  })
  const title = page.getByLabel('Title')
  await title.focus()
  await title.blur()
  await expect(title).toHaveAttribute('aria-invalid', 'true')
  await expect(title).toHaveAccessibleDescription('This field is required.')

  await fillPlan(page, unique('Client-side check'), '2026-06-01', '2026-01-01')
  const endDate = page.getByLabel('End date')
  await endDate.blur()
  await expect(endDate).toHaveAttribute('aria-invalid', 'true')
  await expect(endDate).toHaveAccessibleDescription('The end date must be after the start date.')
  await expect(title).not.toHaveAttribute('aria-invalid', 'true')

  // Correcting a field clears its message as the user types.
  await endDate.fill('2026-12-31')
  await expect(endDate).not.toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('The end date must be after the start date.')).toHaveCount(0)
  expect(posted).toBe(false)
})

// Fields the person never visited get their messages too (ADR 026: each field subscribes itself).
test('submitting an incomplete form shows every message next to its field', async ({ page }) => {
  await login(page, CREATOR)
  await page.goto('/plans/new')
  await waitForHydratedForm(page, 'new-plan')
  await page.getByRole('button', { name: 'Create plan' }).click()
  await expect(page.getByLabel('Title')).toHaveAccessibleDescription('This field is required.')
  await expect(page.getByRole('group', { name: 'Sectors (ISIC sections)' })).toHaveAccessibleDescription(
    'Choose at least one.',
  )
})

test('without JavaScript the server validates and answers with messages next to the fields', async ({ newUser }) => {
  const page = await newUser(CREATOR, { javaScriptEnabled: false })
  await page.goto('/plans/new')
  await fillPlan(page, unique('Server-side check'), '2026-06-01', '2026-01-01')
  await page.getByRole('checkbox', { name: /^A · Agriculture/ }).check()
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/plans/new')),
    page.getByRole('button', { name: 'Create plan' }).click(),
  ])
  expect(response.status()).toBe(400)
  await expect(page.getByLabel('End date')).toHaveAccessibleDescription('The end date must be after the start date.')
  await expect(page.getByLabel('Title')).toHaveValue(/Server-side check/)
  await expect(page.getByRole('checkbox', { name: /^A · Agriculture/ })).toBeChecked()
})

test('a valid plan is created, its creator becomes lead, and the overview lists the 16 sub-steps', async ({ page }) => {
  const title = unique('Tripartite plan for construction sites')
  await login(page, CREATOR)
  await page.goto('/plans/new')
  await waitForHydratedForm(page, 'new-plan')
  await fillPlan(page, title, '2026-03-01', '2027-02-28')
  await page.getByLabel('Region').fill('Sungai Hijau Province')
  await page.getByRole('checkbox', { name: /^F · Construction/ }).check()
  await page.getByRole('button', { name: 'Create plan' }).click()

  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByText('Your role: Lead')).toBeVisible()
  await expect(
    page.getByText('Republic of Kalindra (fictional) · Sungai Hijau Province · Sectoral · 1 Mar 2026 – 28 Feb 2027'),
  ).toBeVisible()

  const steps = page.getByRole('region', { name: 'The six steps' })
  await expect(steps.getByRole('heading', { level: 3 })).toHaveCount(6)
  const substepLinks = steps.getByRole('link', { name: /^\d\.\d / })
  await expect(substepLinks).toHaveCount(16)
  const codes = (await substepLinks.allTextContents()).map((text) => text.trim().slice(0, 3))
  expect(codes).toEqual(SUBSTEPS)
  await expect(steps.getByText('0 of 16 sub-steps complete')).toBeVisible()

  await page.goto('/plans')
  await expect(page.getByRole('row', { name: title }).getByRole('cell', { name: 'Lead' })).toBeVisible()
})
