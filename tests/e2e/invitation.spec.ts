import { expect, login, test } from '../playwright-utils.ts'
import { linkIn, mailTo } from './mailbox.ts'

test('an administrator invites a person, who sets a password with the one-time link and lands signed in', async ({
  page,
  newUser,
}) => {
  const email = `inspector.${Date.now().toString(36)}@demo.example`
  await login(page, 'admin@demo.example')
  await page.getByRole('link', { name: 'Administration' }).click()
  const invite = page.getByRole('region', { name: 'Invite a person' })
  await invite.getByLabel('Name').fill('Dewi Anggraini')
  await invite.getByLabel('Email address').fill(email)
  await invite
    .getByLabel('Organisation')
    .selectOption({ label: 'Provincial Manpower Office – Labour Inspection Unit (XL)' })
  // Least privilege by default.
  await expect(invite.getByLabel('Portal role')).toHaveValue('member')
  await invite.getByRole('button', { name: 'Create account and link' }).click()

  await expect(invite.getByRole('status')).toContainText(`A one-time link for ${email} is on its way`)
  const shown = await invite.getByLabel('One-time link').inputValue()
  expect(shown).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/)
  // The same link reaches the person by email (the e2e server's SMTP server, ADR 060): follow that one.
  await expect.poll(() => mailTo(email).length).toBe(1)
  const [mail] = mailTo(email)
  expect(mail!.subject).toBe('Your invitation to the SCP Portal')
  const link = linkIn(mail!, 'http://localhost:')
  expect(new URL(link).pathname).toBe(new URL(shown).pathname)
  await expect(page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toContainText('Invited')

  const invitee = await newUser(null)
  await invitee.goto(link)
  await expect(invitee.getByRole('heading', { level: 1, name: 'Set up your account' })).toBeVisible()
  await expect(invitee.getByText(`Welcome, Dewi Anggraini. Choose a password for ${email}.`)).toBeVisible()
  await invitee.getByLabel('New password', { exact: true }).fill('a long and memorable sentence')
  await invitee.getByLabel('Repeat the new password').fill('a long and memorable sentence')
  await invitee.getByRole('button', { name: 'Save password and sign in' }).click()
  await expect(invitee).toHaveURL(/\/plans$/)
  await expect(invitee.getByRole('link', { name: /Dewi Anggraini/ })).toBeVisible()
  await expect(invitee.getByText('No plans match. Change the filters, or create a new plan.')).toBeVisible()

  // The link worked once.
  const someoneElse = await newUser(null)
  await someoneElse.goto(link)
  await expect(someoneElse.getByText(/This invitation link is not valid/)).toBeVisible()
  await expect(someoneElse.getByLabel('New password', { exact: true })).toHaveCount(0)

  await page.reload()
  await expect(page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toContainText('Active')

  // And the new password signs in.
  await invitee.getByRole('button', { name: 'Sign out' }).click()
  await expect(invitee).toHaveURL(/\/login$/)
  await login(invitee, email, { password: 'a long and memorable sentence' })
})

test('an invitation form with a taken email address is refused next to the field', async ({ page }) => {
  await login(page, 'admin@demo.example')
  await page.goto('/admin/users')
  const invite = page.getByRole('region', { name: 'Invite a person' })
  await invite.getByLabel('Name').fill('Duplicate Person')
  await invite.getByLabel('Email address').fill('planner@demo.example')
  await invite.getByLabel('Organisation').selectOption({ label: 'Provincial Plantation Office (XL)' })
  await invite.getByRole('button', { name: 'Create account and link' }).click()
  await expect(invite.getByLabel('Email address')).toHaveAccessibleDescription(
    'An account with this email address already exists.',
  )
  await expect(invite.getByLabel('One-time link')).toHaveCount(0)
})
