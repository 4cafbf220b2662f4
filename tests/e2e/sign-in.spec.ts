import { DEMO_PASSWORD, expect, loginThroughForm, test, waitForHydratedForm } from '../playwright-utils.ts'

test('a wrong password shows the error next to the form and keeps the visitor signed out', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await page.getByLabel('Email address').fill('planner@demo.example')
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  const form = page.locator('form#login')
  await expect(form.getByRole('alert')).toHaveText('The email address or password is not correct.')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByLabel('Email address')).toHaveValue('planner@demo.example')
})

test('client-side validation explains a malformed email next to the field', async ({ page }) => {
  await page.goto('/login')
  await waitForHydratedForm(page, 'login')
  const email = page.getByLabel('Email address')
  await email.fill('not-an-email')
  await email.blur()
  await expect(email).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Enter an email address such as name@example.org.')).toBeVisible()
  await expect(email).toHaveAccessibleDescription(/Enter an email address/)
})

test('the right password lands on /plans, with an HttpOnly SameSite=Lax session cookie, and sign out ends it', async ({
  page,
  context,
}) => {
  await loginThroughForm(page, 'planner@demo.example', { password: DEMO_PASSWORD })
  await expect(page.getByRole('heading', { level: 1, name: 'Plans' })).toBeVisible()
  await expect(page.getByRole('link', { name: /Ratna Wijaya/ })).toBeVisible()

  const session = (await context.cookies()).find((c) => c.name === 'scp_session')
  expect(session, 'session cookie').toBeDefined()
  expect(session?.httpOnly).toBe(true)
  expect(session?.sameSite).toBe('Lax')
  expect(await page.evaluate(() => document.cookie)).not.toContain('scp_session')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await page.goto('/plans')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fplans$/)
})

test('signing in after being sent to the login page returns to the page asked for', async ({ page }) => {
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/)
  await page.getByLabel('Email address').fill('viewer@demo.example')
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
})
