import { expect, loginThroughForm, nextTotpCode, test } from '../playwright-utils.ts'

// Two-factor authentication (ADR 064) as a person meets it: turned on from the account page by
// reading the key off the page (what scanning the QR code does), then asked for after the password;
// a recovery code signs in once; an approver without it is told how to get it.

test('turn two-factor on from the account page, sign in with a code, then with a recovery code', async ({
  page,
  factories,
}) => {
  test.setTimeout(120_000)
  const person = await factories.person('government', { as: 'Secure' })
  await loginThroughForm(page, person.email)
  await page.goto('/account')
  await page.getByRole('link', { name: 'Manage' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible()
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click()

  await expect(page.getByRole('img', { name: 'QR code to scan with an authenticator app' })).toBeVisible()
  const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '')
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await page.getByLabel('Code from your authenticator app').fill(await nextTotpCode(secret))
  await page.getByRole('button', { name: 'Turn on' }).click()

  await expect(page.getByRole('status').filter({ hasText: 'Two-factor authentication is on.' })).toBeVisible()
  const codes = page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem')
  await expect(codes).toHaveCount(10)
  const recoveryCode = ((await codes.nth(0).textContent()) ?? '').trim()
  await expect(page.getByRole('link', { name: 'Download as a text file' })).toHaveAttribute(
    'href',
    new RegExp(`^data:text/plain;charset=utf-8,.*${recoveryCode}`),
  )
  await page.getByRole('link', { name: 'I have saved my codes: continue' }).click()
  await expect(page).toHaveURL(/\/plans$/)

  // Signing in again: the password, then a code.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await loginThroughForm(page, person.email, { expectPath: /\/login\/two-factor$/ })
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeVisible()
  await page.getByLabel('Code', { exact: true }).fill(await nextTotpCode(secret))
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page).toHaveURL(/\/plans$/)

  // And with a recovery code, which then says how many are left.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await loginThroughForm(page, person.email, { expectPath: /\/login\/two-factor$/ })
  await page.getByLabel('Code', { exact: true }).fill(recoveryCode)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page).toHaveURL(/\/account\/two-factor\?recovered$/)
  await expect(page.getByRole('status').filter({ hasText: '9 codes are left' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Recent security activity' })).toContainText(
    'Signed in with a recovery code',
  )
})

test('an ILO reviewer without two-factor is told approving needs it, and where to turn it on', async ({
  newUser,
  factories,
}) => {
  const team = await factories.planWithTeam({})
  const lead = await newUser(team.lead)
  const submitted = await lead.request.post(`/plans/${team.planId}/review`, {
    form: { intent: 'transition', from: 'draft', name: 'submit' },
  })
  expect(submitted.ok()).toBe(true)
  const reviewer = await newUser(await factories.person('ilo', { as: 'Reviewer', globalRole: 'ilo_reviewer' }))
  await reviewer.goto(`/plans/${team.planId}/review?approve`)
  const dialog = reviewer.getByRole('region', { name: 'Approve this version?' })
  await expect(dialog).toContainText('Only someone who signs in with two-factor authentication may approve a plan')
  await expect(dialog.getByRole('button', { name: 'Approve without full endorsement' })).toBeDisabled()
  await dialog.getByRole('link', { name: 'Set up two-factor authentication, then come back here' }).click()
  await expect(reviewer).toHaveURL(/\/account\/two-factor\?redirectTo=/)
  await expect(reviewer.getByRole('button', { name: 'Set up two-factor authentication' })).toBeVisible()
})
