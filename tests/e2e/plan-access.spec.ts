import { expect, FISHING_TITLE, login, PALM_OIL_TITLE, planIdByTitle, test } from '../playwright-utils.ts'

test('a member of one plan is refused the other plan, without learning anything about it', async ({
  page,
  newUser,
}) => {
  // The ILO reviewer can see both plans, so their ids come from the reviewer's list.
  const reviewer = await newUser('ilo@demo.example')
  const palmId = await planIdByTitle(reviewer, PALM_OIL_TITLE)
  const fishingId = await planIdByTitle(reviewer, FISHING_TITLE)

  await login(page, 'fisheries@demo.example')
  for (const path of [`/plans/${palmId}`, `/plans/${palmId}/members`, `/plans/${palmId}/steps/1.1`]) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await expect(page.getByText(PALM_OIL_TITLE)).toHaveCount(0)
    await expect(page.getByText('Ratna Wijaya')).toHaveCount(0)
  }

  // A forged form post to the other plan's team page is refused before anything is read.
  const forged = await page.request.post(`/plans/${palmId}/members`, {
    form: { intent: 'remove', userId: '00000000-0000-4000-8000-000000000000' },
    maxRedirects: 0,
  })
  expect(forged.status()).toBe(404)
  await reviewer.goto(`/plans/${palmId}/members`)
  await expect(reviewer.getByRole('row')).toHaveCount(8)

  // The fishing plan itself is still there for its lead.
  await page.goto(`/plans/${fishingId}`)
  await expect(page.getByRole('heading', { level: 1, name: FISHING_TITLE })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await login(page, 'planner@demo.example')
  const response = await page.goto(`/plans/${fishingId}`)
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
})

test('unknown and malformed plan ids get the not-found page', async ({ page }) => {
  await login(page, 'ilo@demo.example')
  for (const id of ['3f0c2a4e-9b1d-4c8e-a7f5-2d6b8e1c0a93', 'not-a-uuid', "1'OR'1'='1"]) {
    const response = await page.goto(`/plans/${encodeURIComponent(id)}`)
    expect(response?.status(), id).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  }
})

test('a viewer may read the plan but is refused its details form', async ({ page }) => {
  await login(page, 'viewer@demo.example')
  const palmId = await planIdByTitle(page, PALM_OIL_TITLE)
  const response = await page.goto(`/plans/${palmId}/edit`)
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible()
})
