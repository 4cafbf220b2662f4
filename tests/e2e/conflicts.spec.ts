import { type Page } from '@playwright/test'
import { createPlan, expect, login, test, unique } from '../playwright-utils.ts'

// Two people edit the same 1.3 data source at once (planner = lead, union = co-author): neither
// change is lost without the person seeing it (ADR 036).

async function addCoAuthor(page: Page, planId: string, name: string) {
  await page.goto(`/plans/${planId}/members`)
  const form = page.getByRole('region', { name: 'Add a member' })
  const person = ((await form.getByRole('option', { name: new RegExp(`^${name} ·`) }).textContent()) ?? '').trim()
  await form.getByLabel('Person').selectOption({ label: person })
  await form.getByLabel('Plan role').selectOption({ label: ((await form.getByRole('option', { name: /^Co-author —/ }).textContent()) ?? '').trim() })
  await form.getByRole('button', { name: 'Add to plan' }).click()
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible()
}

async function addDataSource(page: Page, planId: string, name: string) {
  const response = await page.request.post(`/plans/${planId}/steps/1.3`, { form: { intent: 'item:create', kind: 'data_source', name, sourceType: 'other', owner: 'Statistics office', coverage: 'National' } })
  expect(response.ok()).toBe(true)
}

async function openEditForm(page: Page, planId: string) {
  await page.goto(`/plans/${planId}/steps/1.3`)
  await expect(page.locator('article.substep[data-hydrated]')).toBeAttached()
  await page.getByRole('button', { name: 'Edit D2' }).click()
  return page.getByRole('form', { name: 'Edit D2' })
}

const row = (page: Page) => page.getByRole('row', { name: /^D2 / })

/** A fresh plan led by the planner with the union as co-author and two data sources (D1, D2). */
async function twoEditors(planner: Page, newUser: (email: string) => Promise<Page>) {
  await login(planner, 'planner@demo.example')
  const planId = await createPlan(planner, { title: unique('Two editors on one row') })
  await addCoAuthor(planner, planId, 'Budi Hartono')
  await addDataSource(planner, planId, 'Labour force survey')
  await addDataSource(planner, planId, 'Inspection records')
  const union = await newUser('union@demo.example')
  return { planId, union }
}

test('the union’s Coverage survives the planner’s later save of Owner', async ({ page: planner, newUser }) => {
  test.setTimeout(120_000) // two people sign in and both save, on a shared machine
  const { planId, union } = await twoEditors(planner, newUser)
  // Both open D2's form.
  const plannerForm = await openEditForm(planner, planId)
  const unionForm = await openEditForm(union, planId)

  // The union changes Coverage and saves.
  await unionForm.getByLabel('Coverage').fill('Three provinces')
  await unionForm.getByRole('button', { name: 'Save' }).click()
  await expect(row(union)).toContainText('Three provinces')

  // The planner's open form is told, and still shows what the planner opened.
  await expect(plannerForm.getByRole('status')).toContainText('Budi Hartono changed this row since you opened it.')
  await expect(plannerForm.getByLabel('Coverage')).toHaveValue('National')

  // The planner changes Owner and saves: both changes are kept, for both of them.
  await plannerForm.getByLabel('Owner').fill('Ministry of Manpower')
  await plannerForm.getByRole('button', { name: 'Save' }).click()
  await expect(row(planner)).toContainText('Ministry of Manpower')
  await expect(row(planner)).toContainText('Three provinces')
  await expect(row(union)).toContainText('Ministry of Manpower')
  await expect(row(union)).toContainText('Three provinces')
})

test('a Coverage both changed is shown side by side and the planner chooses, keeping the rest typed', async ({ page: planner, newUser }) => {
  test.setTimeout(120_000) // two people sign in and both save, on a shared machine
  const { planId, union } = await twoEditors(planner, newUser)
  const plannerForm = await openEditForm(planner, planId)
  const unionForm = await openEditForm(union, planId)
  await unionForm.getByLabel('Coverage').fill('Two provinces')
  await unionForm.getByRole('button', { name: 'Save' }).click()
  await expect(row(union)).toContainText('Two provinces')

  await plannerForm.getByLabel('Coverage').fill('All provinces')
  await plannerForm.getByLabel('Key facts').fill('Quarterly bulletin')
  await plannerForm.getByRole('button', { name: 'Save' }).click()

  // Refused: Coverage side by side, everything typed still in the form.
  const choice = plannerForm.getByRole('group', { name: 'Coverage' })
  await expect(choice).toContainText('Your value')
  await expect(choice).toContainText('All provinces')
  await expect(choice).toContainText('Saved by Budi Hartono')
  await expect(choice).toContainText('Two provinces')
  await expect(plannerForm.getByLabel('Coverage')).toHaveValue('All provinces')
  await expect(plannerForm.getByLabel('Key facts')).toHaveValue('Quarterly bulletin')

  await choice.getByRole('button', { name: 'Take theirs' }).click()
  await expect(plannerForm.getByLabel('Coverage')).toHaveValue('Two provinces')
  await choice.getByRole('button', { name: 'Keep mine' }).click()
  await expect(plannerForm.getByLabel('Coverage')).toHaveValue('All provinces')
  await expect(plannerForm.getByLabel('Key facts')).toHaveValue('Quarterly bulletin')

  await plannerForm.getByRole('button', { name: 'Save' }).click()
  await expect(row(planner)).toContainText('All provinces')
  await expect(row(planner)).toContainText('Quarterly bulletin')
  await expect(row(union)).toContainText('All provinces')
})
