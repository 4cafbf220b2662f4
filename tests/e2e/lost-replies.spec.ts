import { type Page, type Route } from '@playwright/test'
import {
  createPlan,
  expect as baseExpect,
  fillMandateItem,
  openSubstep,
  substepHydrated,
  test,
  unique,
} from '../playwright-utils.ts'

// A save that reached the server, which saved it, but whose answer never reached the browser (the
// connection dropped on the way back): the form says it is not saved and keeps the entry; sending
// it again must not save it twice (ADR 039). Each test works in a plan of its own.
const expect = baseExpect.configure({ timeout: 30_000 })
const LEAD = 'ssa@demo.example'

/**
 * Lets the first POST matching `url` through to the server, then drops its answer as a broken
 * connection would; later requests pass untouched. Returns what the server answered the first.
 */
async function loseFirstReply(page: Page, url: string) {
  const first: { status: number | null } = { status: null }
  await page.route(url, async (route: Route) => {
    if (route.request().method() !== 'POST' || first.status !== null) return route.fallback()
    const response = await route.fetch()
    first.status = response.status()
    await route.abort('connectionreset')
  })
  return first
}

test('a worksheet entry saved by the server but whose answer was lost is saved once when sent again', async ({
  newUser,
}) => {
  test.setTimeout(120_000)
  const page = await newUser(LEAD)
  const planId = await createPlan(page, { title: unique('Lost reply worksheet') })
  await openSubstep(page, planId, '1.1')
  const instrument = unique('Labour Inspection Act s.')
  const form = await fillMandateItem(page, instrument)

  const first = await loseFirstReply(page, `**/plans/${planId}/steps/1.1.data**`)
  await form.getByRole('button', { name: 'Add a mandate item' }).click()
  await expect(form.getByRole('alert')).toContainText(/Not saved/)
  expect(first.status).toBe(200)
  await expect(page.getByText(/Something went wrong/)).toHaveCount(0)
  await expect(form.getByLabel(/^Instrument( \*)?$/)).toHaveValue(instrument)

  // The server has it already: sent again, it answers as the first time and adds nothing.
  await form.getByRole('button', { name: 'Try again' }).click()
  await expect(form.getByRole('alert')).toHaveCount(0)
  await expect(form.getByLabel(/^Instrument( \*)?$/)).toHaveValue('')
  await page.reload()
  await expect(page.locator('th[scope="row"]', { hasText: instrument })).toHaveCount(1)

  // The next entry is a new one: it gets a key of its own and is saved.
  const next = unique('Decree on labour inspection art.')
  await fillMandateItem(page, next)
  await form.getByRole('button', { name: 'Add a mandate item' }).click()
  await expect(page.locator('th[scope="row"]', { hasText: next })).toHaveCount(1)
  await expect(page.locator('th[scope="row"]', { hasText: instrument })).toHaveCount(1)
})

test('a review comment saved by the server but whose answer was lost is posted once when sent again', async ({
  newUser,
}) => {
  test.setTimeout(120_000)
  const lead = await newUser(LEAD)
  const planId = await createPlan(lead, { title: unique('Lost reply review comment') })
  const reviewer = await newUser('ilo@demo.example')
  await openSubstep(reviewer, planId, '2.2')
  const discussion = reviewer.locator('#discussion')
  await discussion.getByRole('button', { name: /^Comments/ }).click()
  // Loaded before the route below is set: otherwise the reply lost could be the thread's own load.
  await expect(discussion.getByText('No comments yet.')).toBeVisible()
  const body = unique('Explain how the leverage scores were agreed')
  await discussion.getByLabel('Your comment').fill(body)

  const first = await loseFirstReply(reviewer, `**/plans/${planId}/comments**`)
  await discussion.getByRole('button', { name: 'Post comment' }).click()
  await expect(discussion.getByRole('alert')).toContainText(/Not saved/)
  expect(first.status).toBe(200)
  await expect(discussion.getByLabel('Your comment')).toHaveValue(body)

  await discussion.getByRole('button', { name: 'Try again' }).click()
  await expect(discussion.locator('.comment__body', { hasText: body })).toHaveCount(1)
  await expect(discussion.getByLabel('Your comment')).toHaveValue('')

  // The same form's next comment is a new entry with a key of its own.
  const next = unique('And who chaired the scoring session')
  await discussion.getByLabel('Your comment').fill(next)
  await discussion.getByRole('button', { name: 'Post comment' }).click()
  await expect(discussion.locator('.comment__body', { hasText: next })).toHaveCount(1)
  await reviewer.reload()
  // The toggle is a React control: a click before hydration is lost (ADR 027).
  await substepHydrated(reviewer)
  await discussion.getByRole('button', { name: /^Comments/ }).click()
  await expect(discussion.locator('.comment__body', { hasText: body })).toHaveCount(1)
  await expect(discussion.locator('.comment__body', { hasText: next })).toHaveCount(1)
})
