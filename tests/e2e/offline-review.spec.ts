import { type Page } from '@playwright/test'
import { createPlan, expect as baseExpect, substepHydrated, test, unique } from '../playwright-utils.ts'

// The review page's forms sent while offline (ADR 038): the page stays, what was typed stays, the
// form says "Not saved: no connection", and the decision is sent once when the connection returns.
// Each test works in a plan of its own, led by the Social Security Agency account.
const expect = baseExpect.configure({ timeout: 30_000 })
const LEAD = 'ssa@demo.example'
const REVIEWER = 'ilo@demo.example'
const NOT_SAVED_OFFLINE = /Not saved: no connection/

async function openReview(page: Page, planId: string, query = '') {
  await page.goto(`/plans/${planId}/review${query}`)
  await expect(page.locator('html[data-hydrated]')).toBeAttached()
}

/** Submits the plan for review through the page's own action, as the lead. */
async function submitted(lead: Page, planId: string) {
  const response = await lead.request.post(`/plans/${planId}/review`, {
    form: { intent: 'transition', from: 'draft', name: 'submit' },
  })
  expect(response.ok()).toBe(true)
}

/** Counts the review decisions the server answered (a request that never left the browser is not one). */
function countAnsweredPosts(page: Page) {
  const answered = { count: 0 }
  page.on('requestfinished', (request) => {
    if (
      request.method() === 'POST' &&
      new URL(request.url()).pathname.startsWith('/plans/') &&
      /\/review(\.data)?$/.test(new URL(request.url()).pathname)
    )
      answered.count++
  })
  return answered
}

async function expectKeptOnThePage(page: Page) {
  await expect(page.getByText(/Something went wrong/)).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Status' })).toBeVisible()
}

test('submitting for review offline keeps the note and submits once when the connection returns', async ({
  newUser,
}) => {
  test.setTimeout(120_000)
  const lead = await newUser(LEAD)
  const planId = await createPlan(lead, { title: unique('Offline submit') })
  await openReview(lead, planId)
  const answered = countAnsweredPosts(lead)
  const note = unique('Ready for the tripartite committee of')
  await lead.getByLabel('Note (optional)').fill(note)

  await lead.context().setOffline(true)
  await lead.getByRole('button', { name: 'Submit for review' }).click()
  await expect(lead.getByRole('alert').filter({ hasText: NOT_SAVED_OFFLINE })).toBeVisible()
  await expectKeptOnThePage(lead)
  await expect(lead.getByLabel('Note (optional)')).toHaveValue(note)
  await expect(lead.getByRole('region', { name: 'Status' })).toContainText('Draft')

  await lead.context().setOffline(false)
  await expect(lead.getByRole('region', { name: 'Status' })).toContainText('In review')
  await expect(lead.getByRole('alert')).toHaveCount(0)
  expect(answered.count).toBe(1)
  await lead.reload()
  await expect(lead.getByRole('region', { name: 'Status' })).toContainText('Submission 1')
})

test('an objection recorded offline keeps its comment and is recorded once when the connection returns', async ({
  newUser,
}) => {
  test.setTimeout(120_000)
  const lead = await newUser(LEAD)
  const planId = await createPlan(lead, { title: unique('Offline objection') })
  await submitted(lead, planId)
  await openReview(lead, planId)
  const answered = countAnsweredPosts(lead)
  const form = lead.locator('form.endorse-form')
  const comment = unique('The targets for the northern provinces are too low,')
  await form.getByRole('radio', { name: 'Objects' }).check()
  await form.getByLabel('Comment').fill(comment)

  await lead.context().setOffline(true)
  await form.getByRole('button', { name: 'Record decision' }).click()
  await expect(lead.getByRole('alert').filter({ hasText: NOT_SAVED_OFFLINE })).toBeVisible()
  await expectKeptOnThePage(lead)
  await expect(form.getByLabel('Comment')).toHaveValue(comment)
  await expect(form.getByRole('radio', { name: 'Objects' })).toBeChecked()

  await lead.context().setOffline(false)
  const row = lead.getByRole('row').filter({ hasText: comment })
  await expect(row).toContainText('Objects')
  await expect(lead.getByRole('alert')).toHaveCount(0)
  expect(answered.count).toBe(1)
  await lead.reload()
  await expect(lead.getByRole('row').filter({ hasText: comment })).toHaveCount(1)
})

test('a return for changes sent offline keeps its reason, survives "Try again" while still offline, and is sent once back online', async ({
  newUser,
}) => {
  test.setTimeout(120_000)
  const lead = await newUser(LEAD)
  const planId = await createPlan(lead, { title: unique('Offline return') })
  await submitted(lead, planId)
  const reviewer = await newUser(REVIEWER)
  await openReview(reviewer, planId)
  const answered = countAnsweredPosts(reviewer)
  const form = reviewer.getByRole('form', { name: 'Return for changes' })
  const reason = unique('Add the union survey as a second source for K1,')
  await form.getByLabel('Reason for returning the plan (required)').fill(reason)

  await reviewer.context().setOffline(true)
  await form.getByRole('button', { name: 'Return for changes' }).click()
  const alert = reviewer.getByRole('alert').filter({ hasText: NOT_SAVED_OFFLINE })
  await expect(alert).toBeVisible()
  await expectKeptOnThePage(reviewer)
  await expect(form.getByLabel('Reason for returning the plan (required)')).toHaveValue(reason)
  // Still offline, "Try again" fails the same way and loses nothing.
  await alert.getByRole('button', { name: 'Try again' }).click()
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeEnabled()
  await expect(alert).toBeVisible()
  await expect(form.getByLabel('Reason for returning the plan (required)')).toHaveValue(reason)

  await reviewer.context().setOffline(false)
  await expect(reviewer.getByRole('region', { name: 'Status' })).toContainText('Draft')
  await expect(reviewer.getByRole('region', { name: 'Returned for changes' })).toContainText(reason)
  expect(answered.count).toBe(1)
})

test('an approval without full endorsement sent offline keeps its reason and approves once when the connection returns', async ({
  newUser,
  factories,
}) => {
  test.setTimeout(120_000)
  const lead = await newUser(LEAD)
  const planId = await createPlan(lead, { title: unique('Offline approval') })
  await submitted(lead, planId)
  // Approving needs a session signed in with two-factor (ADR 064).
  const reviewer = await newUser(await factories.reviewer())
  await openReview(reviewer, planId, '?approve')
  const answered = countAnsweredPosts(reviewer)
  const summary = reviewer.getByRole('region', { name: 'Approve this version?' })
  const reason = unique('The ministry publishes the plan before the budget session;')
  await summary.getByLabel('Reason for approving anyway (required)').fill(reason)

  await reviewer.context().setOffline(true)
  await summary.getByRole('button', { name: 'Approve without full endorsement' }).click()
  await expect(reviewer.getByRole('alert').filter({ hasText: NOT_SAVED_OFFLINE })).toBeVisible()
  await expectKeptOnThePage(reviewer)
  await expect(summary.getByLabel('Reason for approving anyway (required)')).toHaveValue(reason)

  await reviewer.context().setOffline(false)
  await expect(reviewer.getByRole('region', { name: 'Status' })).toContainText('Approved')
  await expect(reviewer.getByRole('link', { name: /^Version \d+$/ })).toHaveCount(1)
  expect(answered.count).toBe(1)
})

test('a review comment sent offline is kept, and posted once as an open review comment when the connection returns', async ({
  newUser,
}) => {
  test.setTimeout(120_000)
  const lead = await newUser(LEAD)
  const planId = await createPlan(lead, { title: unique('Offline review comment') })
  await submitted(lead, planId)
  const reviewer = await newUser(REVIEWER)
  await reviewer.goto(`/plans/${planId}/steps/2.2`)
  await substepHydrated(reviewer)
  const discussion = reviewer.locator('#discussion')
  await discussion.getByRole('button', { name: /^Comments/ }).click()
  // The thread has loaded before the connection goes: a load cut short is another test's case
  // (offline-saves: "Comments could not be loaded"), and on a busy machine it would be this one's.
  await expect(discussion.getByText('No comments yet.')).toBeVisible()
  const body = unique('Explain how the leverage scores were agreed with the partners,')
  await discussion.getByLabel('Your comment').fill(body)

  await reviewer.context().setOffline(true)
  await discussion.getByRole('button', { name: 'Post comment' }).click()
  await expect(discussion.getByRole('alert')).toContainText(NOT_SAVED_OFFLINE)
  await expect(reviewer.getByText(/Something went wrong/)).toHaveCount(0)
  await expect(discussion.getByLabel('Your comment')).toHaveValue(body)

  await reviewer.context().setOffline(false)
  const posted = discussion.getByRole('article').filter({ hasText: body })
  await expect(posted).toHaveCount(1)
  await expect(posted).toContainText('Review comment, open')
  await expect(discussion.getByLabel('Your comment')).toHaveValue('')
  // The review page counts it once among what an approval still lacks.
  await openReview(reviewer, planId, '?approve')
  await expect(reviewer.getByRole('region', { name: 'Approve this version?' })).toContainText(
    '1 review comment is open.',
  )
})
