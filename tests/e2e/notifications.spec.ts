import { type Page } from '@playwright/test'
import { axeViolations } from '../axe.ts'
import { DEMO_PASSWORD, expect, login, nextTotpCode, test } from '../playwright-utils.ts'
import { linkIn, mailTo } from './mailbox.ts'

// The bell (ADR 061): a reviewer sees a new submission counted without reloading, finds it on the
// notifications page and follows it to the plan's review page, where it is marked read.

/** The bell's unread count, read from its accessible name ("Notifications, 3 unread"). */
async function unread(page: Page): Promise<number> {
  const name = (await page.locator('.notification-bell').getAttribute('aria-label')) ?? ''
  return Number(/(\d+) unread/.exec(name)?.[1] ?? 0)
}

test('a reviewer is told of a submission live and follows it to the review page', async ({
  page,
  browser,
  newUser,
  factories,
}) => {
  test.setTimeout(120_000)
  const reviewer = await factories.reviewer()
  const plan = await factories.planWithTeam({})
  // The Person itself: factory reviewers have two-factor on, and login answers the second step.
  await login(page, reviewer)
  // Hydrated: the bell's stream is open once scripts run.
  await expect(page.locator('.site-header[data-foldable]')).toBeAttached({ timeout: 30_000 })
  const before = await unread(page)

  const lead = await newUser(plan.lead.email)
  await lead.goto(`/plans/${plan.planId}/review`)
  await lead.getByRole('button', { name: 'Submit for review' }).click()
  await expect(lead.getByRole('region', { name: 'Status' })).toContainText('In review')

  // Counted on the reviewer's open page, without a reload, and said politely once.
  await expect.poll(() => unread(page)).toBeGreaterThan(before)
  await expect(page.getByRole('status').filter({ hasText: /unread notification/ })).toHaveCount(1)
  // Other specs submit plans at the same time and every ILO reviewer is told: the count only grows meanwhile.
  await expect(page.getByRole('link', { name: /^Notifications, \d+ unread$/ })).toBeVisible()

  await page.getByRole('link', { name: /^Notifications/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
  const item = page.getByRole('listitem').filter({ hasText: plan.title })
  await expect(item.locator('.notification__state')).toHaveText(/^Unread /)
  await expect(item.getByRole('link')).toHaveText(`${plan.lead.name} submitted “${plan.title}” for review.`)
  expect(await axeViolations(page)).toEqual([])

  await item.getByRole('link').click()
  await expect(page).toHaveURL(new RegExp(`/plans/${plan.planId}/review$`))
  await expect(page.getByRole('region', { name: 'Status' })).toContainText('In review')
  // Read on following it (the count itself may have grown with other specs' submissions meanwhile).
  await page.goto('/notifications')
  await expect(page.getByRole('listitem').filter({ hasText: plan.title }).locator('.notification__state')).toHaveText(
    /^Read /,
  )

  // The same submission by email (at once is everyone's default): its link, opened where nobody is
  // signed in, leads through sign-in and the second step to the review page.
  const reviewerMail = () =>
    mailTo(reviewer.email).filter((m) => m.subject === `“${plan.title}” was submitted for review`)
  await expect.poll(() => reviewerMail().length, { timeout: 30_000 }).toBe(1)
  const elsewhere = await (await browser.newContext()).newPage()
  await elsewhere.goto(linkIn(reviewerMail()[0]!, 'http://localhost:'))
  await expect(elsewhere).toHaveURL(/\/login\?redirectTo=/)
  await elsewhere.getByLabel('Email address').fill(reviewer.email)
  await elsewhere.getByLabel('Password').fill(DEMO_PASSWORD)
  await elsewhere.getByRole('button', { name: 'Sign in' }).click()
  await elsewhere.getByLabel('Code').fill(await nextTotpCode(reviewer.totpSecret!))
  await elsewhere.getByRole('button', { name: 'Verify' }).click()
  await expect(elsewhere).toHaveURL(new RegExp(`/plans/${plan.planId}/review$`))
  await elsewhere.context().close()
})
