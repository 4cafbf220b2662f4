import { type Page } from '@playwright/test'
import { createPlan, expect as baseExpect, login, substepHydrated, test, unique } from '../playwright-utils.ts'

// A fresh plan led by the Social Security Agency (government), with a union steward (workers) and
// an estate manager (employers) as contributors: three organisations of the three constituencies.
// Each agrees to 1.3 from their own browser; a later change makes the agreement out of date.
const expect = baseExpect.configure({ timeout: 20_000 })

const LEAD = 'ssa@demo.example'
const WORKERS = 'steward@demo.example'
const EMPLOYERS = 'estate@demo.example'

/** Adds people to the plan through the members form's own endpoint (the team journey is tested in team.spec). */
async function addMembers(page: Page, planId: string, names: string[]) {
  await page.goto(`/plans/${planId}/members`)
  const person = page.getByRole('region', { name: 'Add a member' }).getByLabel('Person')
  for (const name of names) {
    const userId = await person.locator('option', { hasText: new RegExp(`^${name} ·`) }).getAttribute('value')
    const response = await page.request.post(`/plans/${planId}/members`, {
      form: { intent: 'add', userId: userId!, role: 'contributor' },
    })
    expect(response.ok()).toBe(true)
  }
  await page.reload()
  for (const name of names) await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible()
}

async function openDataSources(page: Page, planId: string) {
  await page.goto(`/plans/${planId}/steps/1.3`)
  await substepHydrated(page)
  return page.getByRole('region', { name: 'Agreement of the constituencies' })
}

async function addDataSource(page: Page, name: string) {
  const form = page.getByRole('form', { name: 'Add a data source' })
  if (!(await form.isVisible()))
    await page
      .locator('summary')
      .filter({ hasText: /^Add a data source$/ })
      .click()
  await form.getByLabel(/^Source( \*)?$/).fill(name)
  await form.getByLabel(/^Type( \*)?$/).selectOption('inspection_records')
  await form.getByLabel(/^Quality( \*)?$/).selectOption('medium')
  await form.getByRole('button', { name: 'Add a data source' }).click()
  // The saved row, named by its words first (ADR 057).
  await expect(page.getByRole('rowheader', { name: new RegExp(`^${name} \\(D\\d+\\)$`) }).first()).toBeVisible()
}

test('the three constituencies agree to a sub-step, and a later change makes the agreement out of date', async ({
  page,
  newUser,
}) => {
  test.setTimeout(120_000)
  await login(page, LEAD)
  const planId = await createPlan(page, { title: unique('Sign-off plan'), countryCode: 'XL' })
  await addMembers(page, planId, ['Hendra Gunawan', 'Yusuf Rahman'])

  // Complete is not agreed: the lead fills 1.3 in alone.
  const panel = await openDataSources(page, planId)
  await addDataSource(page, 'Labour inspection records')
  await expect(page.locator('.substep .pill').first()).toHaveText('Complete')
  await expect(panel.locator('.pill')).toHaveText('Not agreed yet')

  await panel.getByRole('button', { name: 'Agree for Government' }).click()
  await expect(panel.locator('li[data-constituency="government"]')).toContainText('Agreed by Wulan Sari (SSA)')
  await expect(panel.locator('.pill')).toHaveText('Partly agreed')

  const steward = await newUser(WORKERS)
  const stewardPanel = await openDataSources(steward, planId)
  await stewardPanel.getByRole('button', { name: "Agree for Workers' organisation" }).click()
  await expect(stewardPanel.locator('li[data-constituency="workers"]')).toContainText(
    'Agreed by Hendra Gunawan (FPWU-SH)',
  )

  // The employers agree with a reservation, which needs its reason.
  const estate = await newUser(EMPLOYERS)
  const estatePanel = await openDataSources(estate, planId)
  await estatePanel
    .getByLabel('Reason for the reservation (required)')
    .fill('Estate payroll records should be listed too.')
  await estatePanel.getByRole('button', { name: 'Record a reservation' }).click()
  await expect(estatePanel.locator('li[data-constituency="employers"]')).toContainText(
    'Reservation by Yusuf Rahman (KPGA-SH)',
  )
  await expect(estatePanel.locator('li[data-constituency="employers"]')).toContainText(
    'Estate payroll records should be listed too.',
  )
  await expect(estatePanel.locator('.pill')).toHaveText('Agreed')

  await page.goto(`/plans/${planId}`)
  await expect(page.getByText('1 of 16 sub-steps complete')).toBeVisible()
  await expect(page.getByText('1 of 16 agreed by every constituency on the team')).toBeVisible()
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: /^1\.3 Enforcement and compliance data/ })
      .getByText('Agreed', { exact: true }),
  ).toBeVisible()

  // A change to the agreed content makes the agreement out of date, visibly, until it is given again.
  await openDataSources(page, planId)
  await addDataSource(page, 'Estate payroll records')
  await expect(panel.locator('.pill')).toHaveText('Agreement out of date')
  await expect(panel.locator('li[data-constituency="workers"]')).toContainText('Out of date since')
  await page.goto(`/plans/${planId}`)
  await expect(page.getByText('0 of 16 agreed by every constituency on the team')).toBeVisible()
  await expect(page.getByText('1 agreement out of date')).toBeVisible()
  await expect(page.getByText('The agreement on 1.3 is out of date: its content changed')).toBeVisible()

  await steward.reload()
  await substepHydrated(steward)
  await expect(stewardPanel.locator('.pill')).toHaveText('Agreement out of date')
  await stewardPanel.getByRole('button', { name: "Agree again for Workers' organisation" }).click()
  await expect(stewardPanel.locator('li[data-constituency="workers"]')).not.toContainText('Out of date since')
})
