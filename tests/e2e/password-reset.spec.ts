import { expect, loginThroughForm, test } from '../playwright-utils.ts'
import { linkIn, mailTo } from './mailbox.ts'

test('a person who forgot their password asks for a link, reads the email, sets a new password and signs in', async ({
  page,
  factories,
}) => {
  const person = await factories.person('workers', { as: 'Forgetful' })
  await page.goto('/login')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Forgotten password' })).toBeVisible()
  await page.getByLabel('Email address').fill(person.email)
  await page.getByRole('button', { name: 'Send the link' }).click()
  await expect(page.getByRole('status')).toContainText(`If an active account uses ${person.email}`)

  // The message reaches the e2e server's SMTP server once; its link opens the reset page.
  await expect.poll(() => mailTo(person.email).length).toBe(1)
  const [mail] = mailTo(person.email)
  expect(mail!.subject).toBe('Reset your SCP Portal password')
  const link = linkIn(mail!, 'http://localhost:')
  await page.goto(link)
  await expect(page.getByText(`Choose a new password for ${person.email}.`)).toBeVisible()
  await page.getByLabel('New password', { exact: true }).fill('a brand new memorable phrase')
  await page.getByLabel('Repeat the new password').fill('a brand new memorable phrase')
  await page.getByRole('button', { name: 'Set the new password' }).click()
  await expect(page.getByRole('status')).toContainText('Your password is set.')
  // The change itself is told by email: someone whose reset was not theirs finds out.
  await expect.poll(() => mailTo(person.email).map((m) => m.subject)).toContain('Security notice: Password changed')
  await loginThroughForm(page, person.email, { password: 'a brand new memorable phrase' })

  // The link worked once.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.goto(link)
  await expect(page.getByText(/This link is not valid/)).toBeVisible()
})
