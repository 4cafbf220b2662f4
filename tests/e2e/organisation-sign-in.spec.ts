// Sign-in with the organisation's account (ADR 063) through a real OpenID provider, the one
// tests/e2e/server.ts starts on E2E_PORT + 5 with an account store this spec fills in.
import { randomUUID } from 'node:crypto'
import { DEMO_PASSWORD, expect, test } from '../playwright-utils.ts'

const PROVIDER = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 5}`

/** An account at the provider with this (verified) email. */
async function providerAccount(email: string) {
  const res = await fetch(`${PROVIDER}/test/accounts/${randomUUID()}`, {
    method: 'PUT',
    body: JSON.stringify({ email, emailVerified: true, name: 'E2E Person' }),
  })
  expect(res.status).toBe(204)
}

test('signing in with the organisation account links it and comes back to the page asked for', async ({
  page,
  factories,
}) => {
  const person = await factories.person('workers')
  await providerAccount(person.email)
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/)
  await page.getByRole('link', { name: 'Sign in with Test Org' }).click()

  await expect(page.getByRole('heading', { name: 'Test organisation: sign in' })).toBeVisible()
  await page.getByLabel('Organisation email').fill(person.email)
  await page.getByRole('button', { name: 'Continue' }).click()

  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
  const section = page.getByRole('region', { name: 'Organisation account' })
  await expect(section).toContainText(`Linked to ${person.email} (Test Org)`)
  await section.getByRole('button', { name: 'Unlink the organisation account' }).click()
  await expect(section).toContainText('Not linked.')
})

test('a domain that requires the organisation account is sent to its button, which signs in', async ({
  page,
  factories,
}) => {
  const domain = `org-${randomUUID().slice(0, 8)}.example`
  const person = await factories.person('ilo', { domain })
  await factories.requireOrganisationSignIn(domain)
  await providerAccount(person.email)

  await page.goto('/login')
  await page.getByLabel('Email address').fill(person.email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.locator('form#login').getByRole('alert')).toHaveText(
    "Accounts with this email domain sign in with their organisation's account: use the button below.",
  )

  await page.getByRole('link', { name: 'Sign in with Test Org' }).click()
  await page.getByLabel('Organisation email').fill(person.email)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(/\/plans$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Plans' })).toBeVisible()
})
