import { type Locator, type Page } from '@playwright/test'
import { createPlan, expect, login, test, unique, waitForHydratedForm } from '../playwright-utils.ts'

// A failed submit must show every field's message at once, for fields the person never visited
// too: in the browser (conform, JavaScript on) and from the server's 400 answer (JavaScript off).
const REQUIRED = 'This field is required.'

async function expectMessages(fields: [Locator, string][]) {
  for (const [field, message] of fields) {
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    await expect(field).toHaveAccessibleDescription(message)
  }
}

/** Submits with a click and checks that the browser validated it: no request left the page. */
async function submitWithoutPosting(page: Page, button: Locator) {
  let posted = false
  const onRequest = (request: { method(): string }) => {
    if (request.method() === 'POST') posted = true
  }
  page.on('request', onRequest)
  await button.click()
  await expect(page.getByText(REQUIRED).first()).toBeVisible()
  page.off('request', onRequest)
  expect(posted).toBe(false)
}

test('the sign-in form shows both messages when submitted empty', async ({ page }) => {
  await page.goto('/login')
  await waitForHydratedForm(page, 'login')
  await submitWithoutPosting(page, page.getByRole('button', { name: 'Sign in' }))
  await expectMessages([
    [page.getByLabel('Email address'), REQUIRED],
    [page.getByLabel('Password'), REQUIRED],
  ])
})

test('the change-password form shows the message of every field at once', async ({ page }) => {
  await login(page, 'viewer@demo.example')
  await page.goto('/account')
  await waitForHydratedForm(page, 'change-password')
  await submitWithoutPosting(page, page.getByRole('button', { name: 'Change password' }))
  await expectMessages([
    [page.getByLabel('Current password'), REQUIRED],
    [
      page.getByLabel('New password', { exact: true }),
      `${REQUIRED} At least 12 characters. A short sentence is easy to remember and hard to guess.`,
    ],
    [page.getByLabel('Repeat the new password'), REQUIRED],
  ])
})

test('the invitation form shows every message at once, then clears itself after a successful invitation', async ({
  page,
}) => {
  await login(page, 'admin@demo.example')
  await page.goto('/admin/users')
  await waitForHydratedForm(page, 'invite-user')
  const invite = page.getByRole('region', { name: 'Invite a person' })
  await submitWithoutPosting(page, invite.getByRole('button', { name: 'Create account and link' }))
  await expectMessages([
    [invite.getByLabel('Name'), REQUIRED],
    [invite.getByLabel('Email address'), REQUIRED],
    [invite.getByLabel('Organisation'), REQUIRED],
  ])

  const email = `${unique('cleared')
    .replace(/[^a-z0-9]/gi, '.')
    .toLowerCase()}@demo.example`
  await invite.getByLabel('Name').fill('Cleared Afterwards')
  await invite.getByLabel('Email address').fill(email)
  await invite.getByLabel('Organisation').selectOption({ label: 'Provincial Plantation Office (XL)' })
  await expect(invite.getByText(REQUIRED)).toHaveCount(0)
  await invite.getByRole('button', { name: 'Create account and link' }).click()
  await expect(invite.getByRole('status')).toContainText(`A one-time link for ${email} is on its way`)
  await expect(invite.getByLabel('Name')).toHaveValue('')
  await expect(invite.getByLabel('Email address')).toHaveValue('')
})

test('the organisation form shows every message at once', async ({ page }) => {
  await login(page, 'admin@demo.example')
  await page.goto('/admin/organisations')
  await waitForHydratedForm(page, 'new-organisation')
  const section = page.getByRole('region', { name: 'Add an organisation' })
  await submitWithoutPosting(page, section.getByRole('button', { name: 'Add organisation' }))
  await expectMessages([
    [section.getByLabel('Name'), REQUIRED],
    [section.getByLabel('Constituency'), REQUIRED],
  ])
})

test('the plan edit form shows the messages of the fields it empties at once', async ({ page }) => {
  await login(page, 'ssa@demo.example')
  const planId = await createPlan(page, { title: unique('Plan to edit') })
  await page.goto(`/plans/${planId}/edit`)
  await waitForHydratedForm(page, `edit-plan-${planId}`)
  // Emptied without leaving them: only the submit validates these fields.
  await page.getByLabel('Title').evaluate((input: HTMLInputElement) => (input.value = ''))
  await page.getByLabel('Start date').evaluate((input: HTMLInputElement) => (input.value = ''))
  await submitWithoutPosting(page, page.getByRole('button', { name: 'Save' }))
  await expectMessages([
    [page.getByLabel('Title'), REQUIRED],
    [page.getByLabel('Start date'), REQUIRED],
  ])
})

test('without JavaScript the server answers 400 with every message next to its field', async ({ newUser }) => {
  const page = await newUser('admin@demo.example', { javaScriptEnabled: false })
  await page.goto('/admin/organisations')
  // As a browser without constraint validation would: the server must not rely on `required`.
  await page.locator('form#new-organisation').evaluate((form: HTMLFormElement) => (form.noValidate = true))
  const section = page.getByRole('region', { name: 'Add an organisation' })
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/admin/organisations')),
    section.getByRole('button', { name: 'Add organisation' }).click(),
  ])
  expect(response.status()).toBe(400)
  await expectMessages([
    [section.getByLabel('Name'), REQUIRED],
    [section.getByLabel('Constituency'), REQUIRED],
  ])

  await page.goto('/account')
  await page.locator('form#change-password').evaluate((form: HTMLFormElement) => (form.noValidate = true))
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/account')),
    page.getByRole('button', { name: 'Change password' }).click(),
  ])
  expect(answer.status()).toBe(400)
  await expectMessages([
    [page.getByLabel('Current password'), REQUIRED],
    [page.getByLabel('Repeat the new password'), REQUIRED],
  ])
})
