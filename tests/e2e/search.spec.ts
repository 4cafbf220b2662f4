import { expect, login, PALM_OIL_TITLE, planIdByTitle, test } from '../playwright-utils.ts'

test('a team member searches the plan, whatever the capitals, and follows a result to its record', async ({ page }) => {
  await login(page, 'viewer@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  await page.goto(`/plans/${planId}`)
  await page.getByRole('navigation', { name: 'Plan sections' }).getByRole('link', { name: 'Search' }).click()
  const form = page.getByRole('search', { name: 'Search this plan' })
  await form.getByLabel('Words to find').fill('x')
  await form.getByRole('button', { name: 'Search' }).click()
  await expect(form.getByText('Enter at least 2 characters.')).toBeVisible()
  await expect(form.getByLabel('Words to find')).toHaveAttribute('aria-invalid', 'true')

  await form.getByLabel('Words to find').fill('HQ HR DIRECTORS')
  await form.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByRole('status').filter({ hasText: /results? for “HQ HR DIRECTORS”/ })).toBeVisible()
  const group = page.getByRole('region', { name: /^4\.1 / })
  const hit = group.getByRole('listitem').filter({ hasText: 'Group HQ HR directors' })
  await expect(hit.locator('mark')).toHaveText(['HQ', 'HR', 'directors'])
  await hit.getByRole('link', { name: /· Stakeholders · / }).click()
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/steps/4\\.1#item-`))
  const row = page.locator(`[id="${new URL(page.url()).hash.slice(1)}"]`)
  await expect(row).toContainText('Group HQ HR directors')
  await expect(row).toBeInViewport()

  await page.goto(`/plans/${planId}/search?q=${encodeURIComponent('zzzz nothing')}`)
  await expect(
    page.getByRole('status').filter({ hasText: 'Nothing in this plan matches “zzzz nothing”.' }),
  ).toBeVisible()
})
