import { axeViolations } from '../axe.ts'
import { expect, login, test, unique } from '../playwright-utils.ts'

// Issue 13: the ILO reviewer finds where plans are on the world map, reaches a country by keyboard,
// lands on the table filtered to it with the filters in the URL, and compares two plans side by side.

test('the reviewer goes from the map to a country’s plans by keyboard and compares two of them', async ({
  page,
  factories,
}) => {
  const first = await factories.planWithTeam({}, { title: unique('Nepal brick kilns'), countryCode: 'NP' })
  const second = await factories.planWithTeam({}, { title: unique('Nepal carpets'), countryCode: 'NP' })
  await factories.indicator(first.planId, first.lead, {
    name: 'Kilns with written contracts',
    indicatorType: 'compliance',
    unit: 'percent',
    baselineValue: 20,
    baselineDate: '2026-01-01',
    targetValue: 50,
    targetDate: '2027-12-31',
  })
  await login(page, await factories.reviewer())

  await page.goto('/dashboard')
  const map = page.getByRole('group', { name: 'Where the plans are' })
  await expect(map).toBeVisible()
  // The land under the countries is a file of its own, which the browser loads and may keep.
  const land = await map.locator('image').getAttribute('href')
  const landFile = await page.request.get(land!)
  expect(landFile.status()).toBe(200)
  expect(landFile.headers()['cache-control']).toContain('immutable')
  const nepal = map.getByRole('link', { name: /^Nepal: \d+ plans, 0 of \d+ indicators? on track$/ })
  await expect(nepal).toHaveCount(1)

  // Tab from the control just before the map until Nepal has the focus: the map is keyboard reachable.
  const colourBy = page.getByRole('navigation', { name: 'Colour by' })
  await colourBy.getByRole('link', { name: 'Indicators on track' }).focus()
  let reached = false
  for (let i = 0; i < 250 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await nepal.evaluate((el) => el === document.activeElement)
  }
  expect(reached, 'Nepal on the map is reached with Tab').toBe(true)
  await page.keyboard.press('Enter')

  await expect(page).toHaveURL(/[?&]country=NP(&|#|$)/)
  await expect(page.getByLabel('Country', { exact: true })).toHaveValue('NP')
  const table = page.locator('table', { has: page.getByRole('columnheader', { name: 'Last activity' }) })
  await expect(table.getByRole('link', { name: first.title })).toBeVisible()
  await expect(table.getByRole('link', { name: second.title })).toBeVisible()
  for (const row of await table.locator('tbody tr').all()) await expect(row).toContainText('Nepal')

  // The map's colouring is part of the URL too, next to the filter; Back returns to the view before.
  await colourBy.getByRole('link', { name: 'Indicators on track' }).click()
  await expect(page).toHaveURL(/country=NP/)
  await expect(page).toHaveURL(/map=onTrack/)
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('No indicators yet')
  await page.reload()
  await expect(page.getByLabel('Country', { exact: true })).toHaveValue('NP')
  expect(await axeViolations(page)).toEqual([])
  // A further filter keeps the map's colouring.
  await page.getByLabel('Status', { exact: true }).selectOption('draft')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(/status=draft/)
  await expect(page).toHaveURL(/map=onTrack/)
  await expect(page.getByLabel('Country', { exact: true })).toHaveValue('NP')
  await page.goBack()
  await expect(page).not.toHaveURL(/status=draft/)
  await page.goBack()
  await expect(page).not.toHaveURL(/map=onTrack/)
  await expect(page).toHaveURL(/country=NP/)

  await page.getByRole('checkbox', { name: `Compare ${first.title}` }).check()
  await page.getByRole('checkbox', { name: `Compare ${second.title}` }).check()
  await page.getByRole('button', { name: 'Compare selected plans' }).click()
  await expect(page).toHaveURL(/\/dashboard\/compare\?plan=.+&plan=.+/)
  await expect(page.getByRole('heading', { level: 1, name: 'Plans side by side' })).toBeVisible()
  const comparison = page.getByRole('table', { name: '2 plans side by side' })
  await expect(comparison.getByRole('columnheader', { name: first.title })).toBeVisible()
  await expect(comparison.getByRole('columnheader', { name: second.title })).toBeVisible()
  await expect(comparison.getByRole('row', { name: /Indicators/ })).toContainText('Kilns with written contracts')
  await expect(comparison.getByRole('row', { name: /Indicators/ })).toContainText('target 50')
  await expect(page.getByRole('heading', { name: 'Kilns with written contracts' })).toBeVisible()
  expect(await axeViolations(page)).toEqual([])

  // One plan is not a comparison: a message, not an error page.
  await page.goto(`/dashboard/compare?plan=${first.planId}`)
  await expect(page.getByRole('alert')).toContainText('Choose at least 2 plans')

  // On a phone the map scales down to the screen and the page does not pan sideways.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/dashboard?country=NP')
  const box = await map.boundingBox()
  expect(box!.width).toBeLessThanOrEqual(390)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})
