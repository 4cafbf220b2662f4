import { type Page } from '@playwright/test'
import {
  createPlan,
  expect as baseExpect,
  fillMandateItem,
  openSubstep,
  substepHydrated,
  test,
  unique,
} from '../playwright-utils.ts'

// A form sent while offline, or answered by a server failure, keeps what was typed, says so, and
// saves it exactly once when sent again (on reconnection, or with "Try again"). Each test plans in
// a plan of its own, made by the Social Security Agency account, so the demo plans stay as seeded.
const expect = baseExpect.configure({ timeout: 30_000 })
const LEAD = 'ssa@demo.example'
const NOT_SAVED_OFFLINE = /Not saved: no connection/

/** The error page must never replace the form. */
async function expectNoErrorPage(page: Page) {
  await expect(page.getByText(/Something went wrong/)).toHaveCount(0)
}

test('a worksheet entry sent offline is kept, and saved once when the connection returns', async ({ newUser }) => {
  test.setTimeout(120_000)
  const page = await newUser(LEAD)
  const planId = await createPlan(page, { title: unique('Offline worksheet') })
  await openSubstep(page, planId, '1.1')
  const instrument = unique('Labour Inspection Act s.')
  const form = await fillMandateItem(page, instrument)

  await page.context().setOffline(true)
  await form.getByRole('button', { name: 'Add a mandate item' }).click()
  await expect(form.getByRole('alert')).toContainText(NOT_SAVED_OFFLINE)
  await expectNoErrorPage(page)
  await expect(form.getByLabel(/^Instrument( \*)?$/)).toHaveValue(instrument)
  await expect(form.getByLabel(/^Power or limit( \*)?$/)).toHaveValue('entry_inspection')

  // Back online: the form sends itself again, then empties as after any save.
  await page.context().setOffline(false)
  await expect(page.locator('th[scope="row"]', { hasText: instrument })).toBeVisible()
  await expect(form.getByRole('alert')).toHaveCount(0)
  await expect(form.getByLabel(/^Instrument( \*)?$/)).toHaveValue('')
  await page.reload()
  await expect(page.locator('th[scope="row"]', { hasText: instrument })).toHaveCount(1)
})

test('a measurement answered by a server failure is kept, and "Try again" saves it once', async ({ newUser }) => {
  test.setTimeout(120_000)
  const page = await newUser(LEAD)
  const planId = await createPlan(page, { title: unique('Offline monitoring') })
  // The indicator to measure, through the 6.2 worksheet's own action.
  const created = await page.request.post(`/plans/${planId}/steps/6.2`, {
    form: {
      intent: 'item:create',
      formId: 'new-indicator',
      kind: 'indicator',
      name: 'Workers registered',
      indicatorType: 'outcome',
      unit: 'count',
    },
  })
  expect(created.ok()).toBe(true)
  await page.goto(`/plans/${planId}/monitoring`)
  await expect(page.locator('html[data-hydrated]')).toBeAttached()
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /\(K1\)$/ }) })
  await card.getByText('Record a measurement').click()
  const form = card.getByRole('form', { name: /Record a measurement of .*\(K1\)/ })
  await form.getByLabel('Period').fill('2026-Q3')
  await form.getByLabel(/^Value/).fill('1234')
  await form.getByLabel('Evidence source').fill('Registry extract')

  // The server fails the first attempt (as a proxy in front of a stopped server would).
  let failed = 0
  await page.route(`**/plans/${planId}/monitoring.data**`, async (route) => {
    if (route.request().method() !== 'POST' || failed > 0) return route.fallback()
    failed++
    await route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' })
  })
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form.getByRole('alert')).toContainText(/Not saved/)
  await expectNoErrorPage(page)
  await expect(form.getByLabel('Period')).toHaveValue('2026-Q3')
  await expect(form.getByLabel(/^Value/)).toHaveValue('1234')
  expect(failed).toBe(1)

  await form.getByRole('button', { name: 'Try again' }).click()
  await expect(card.getByRole('row', { name: /2026-Q3/ })).toContainText('1,234')
  await expect(form.getByRole('alert')).toHaveCount(0)
  await page.reload()
  await expect(card.getByRole('row', { name: /2026-Q3/ })).toHaveCount(1)
})

test('a comment sent offline is kept, and posted once when the connection returns', async ({ newUser }) => {
  test.setTimeout(120_000)
  const page = await newUser(LEAD)
  const planId = await createPlan(page, { title: unique('Offline comment') })
  await openSubstep(page, planId, '1.1')
  const discussion = page.locator('#discussion')
  await discussion.getByRole('button', { name: /^Comments/ }).click()
  // The thread has loaded before the connection goes (a load cut short is the next test's case).
  await expect(discussion.getByText('No comments yet.')).toBeVisible()
  const body = unique('Please check the inspection act reference')
  await discussion.getByLabel('Your comment').fill(body)

  await page.context().setOffline(true)
  await discussion.getByRole('button', { name: 'Post comment' }).click()
  await expect(discussion.getByRole('alert')).toContainText(NOT_SAVED_OFFLINE)
  await expectNoErrorPage(page)
  await expect(discussion.getByLabel('Your comment')).toHaveValue(body)

  await page.context().setOffline(false)
  await expect(discussion.locator('.comment__body', { hasText: body })).toBeVisible()
  await expect(discussion.getByLabel('Your comment')).toHaveValue('')
  await page.reload()
  // The toggle is a React control: a click before hydration is lost (ADR 027).
  await substepHydrated(page)
  await discussion.getByRole('button', { name: /^Comments/ }).click()
  await expect(discussion.locator('.comment__body', { hasText: body })).toHaveCount(1)
})

test('a thread opened offline says it could not load, keeps the page and loads when the connection returns', async ({
  newUser,
}) => {
  test.setTimeout(120_000)
  const page = await newUser(LEAD)
  const planId = await createPlan(page, { title: unique('Offline thread') })
  await page.request.post(`/plans/${planId}/comments`, {
    form: { subjectType: 'substep', subjectId: '1.1', body: 'Seen before the connection went' },
  })
  await openSubstep(page, planId, '1.1')
  const discussion = page.locator('#discussion')
  // While online the page readies the thread's route (discovered, module preloaded) for later.
  await expect(page.locator('link[rel="modulepreload"][href*="comments"]')).toBeAttached()
  await page.waitForLoadState('networkidle')

  await page.context().setOffline(true)
  await discussion.getByRole('button', { name: /^Comments/ }).click()
  await expect(discussion.getByRole('alert')).toContainText(/Comments could not be loaded: no connection/)
  await expectNoErrorPage(page)
  const body = unique('Typed while the thread could not load')
  await discussion.getByLabel('Your comment').fill(body)

  await page.context().setOffline(false)
  await expect(discussion.locator('.comment__body', { hasText: 'Seen before the connection went' })).toBeVisible()
  await expect(discussion.getByRole('alert')).toHaveCount(0)
  await expect(discussion.getByLabel('Your comment')).toHaveValue(body)
})
