import { type Page } from '@playwright/test'
import { createPlan, expect, login, substepHydrated, test, unique } from '../playwright-utils.ts'
import { addCoAuthor, withoutLiveRefresh } from './two-people.ts'

// Two people edit the same 1.3 data source at once (planner = lead, union = co-author): neither
// change is lost without the person seeing it (ADR 036).

async function addDataSource(page: Page, planId: string, name: string) {
  const response = await page.request.post(`/plans/${planId}/steps/1.3`, {
    form: {
      intent: 'item:create',
      kind: 'data_source',
      name,
      sourceType: 'other',
      owner: 'Statistics office',
      coverage: 'National',
    },
  })
  expect(response.ok()).toBe(true)
}

async function openEditForm(page: Page, planId: string) {
  await page.goto(`/plans/${planId}/steps/1.3`)
  await substepHydrated(page)
  await page.getByRole('button', { name: 'Edit D2' }).click()
  return page.getByRole('form', { name: 'Edit D2' })
}

const row = (page: Page) => page.getByRole('row', { name: /\(D2\)/ })

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

test('a Coverage both changed is shown side by side and the planner chooses, keeping the rest typed', async ({
  page: planner,
  newUser,
}) => {
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

test('a delete from a page that missed the union’s edit says what changed, and the planner keeps D2 or deletes it anyway', async ({
  page: planner,
  newUser,
}) => {
  test.setTimeout(120_000) // two people sign in and both save, on a shared machine
  const { planId, union } = await twoEditors(planner, newUser)
  // The planner's page has lost its live connection: it keeps showing D2 as it loaded it.
  await withoutLiveRefresh(planner)
  await planner.goto(`/plans/${planId}/steps/1.3`)
  await substepHydrated(planner)
  await expect(row(planner)).toContainText('National')

  const unionEdits = async (label: string, value: string) => {
    const form = await openEditForm(union, planId)
    await form.getByLabel(label).fill(value)
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(row(union)).toContainText(value)
  }
  const plannerDeletes = async () => {
    planner.once('dialog', (dialog) => void dialog.accept())
    await planner.getByRole('button', { name: 'Delete D2' }).click()
    return planner
      .getByRole('alert')
      .filter({ hasText: 'Budi Hartono changed D2 after you saw it, so it was not deleted.' })
  }

  // The union changes Coverage; the planner deletes D2 as the stale page shows it: not deleted,
  // and the planner reads what changed and who changed it, and sees D2 as it is now.
  await unionEdits('Coverage', 'Three provinces')
  const choice = await plannerDeletes()
  await expect(choice).toContainText('Coverage changed from “National” to “Three provinces”')
  await expect(choice).toContainText('Delete D2 as it is now, or keep it?')
  await expect(row(planner)).toContainText('Three provinces')

  // "Keep it": D2 stays, and the keyboard is back on its Delete button.
  await choice.getByRole('button', { name: 'Keep it' }).click()
  await expect(choice).toBeHidden()
  await expect(planner.getByRole('button', { name: 'Delete D2' })).toBeFocused()
  await expect(row(planner)).toContainText('Three provinces')

  // The union changes Owner; the planner, still without live refresh, deletes again and confirms.
  await unionEdits('Owner', 'Ministry of Manpower')
  const again = await plannerDeletes()
  await expect(again).toContainText('Owner changed from “Statistics office” to “Ministry of Manpower”')
  await again.getByRole('button', { name: 'Delete anyway' }).click()
  await expect(row(planner)).toHaveCount(0)
  await expect(row(union)).toHaveCount(0)
  await expect(planner.getByRole('row', { name: /\(D1\)/ })).toBeVisible()
})

test('a row deleted while the union edits it keeps the union’s typing, which can be added again', async ({
  page: planner,
  newUser,
}) => {
  test.setTimeout(120_000) // two people sign in and both save, on a shared machine
  const { planId, union } = await twoEditors(planner, newUser)
  const unionForm = await openEditForm(union, planId)
  await unionForm.getByLabel('Coverage').fill('Three provinces')

  // The planner deletes D2 as it is (its page is live, so the delete is on the current version).
  await planner.goto(`/plans/${planId}/steps/1.3`)
  await substepHydrated(planner)
  planner.once('dialog', (dialog) => void dialog.accept())
  await planner.getByRole('button', { name: 'Delete D2' }).click()
  await expect(row(planner)).toHaveCount(0)

  // The union's form stays open with what was typed, and says why it can no longer save to D2.
  await expect(unionForm.getByRole('alert')).toContainText('Someone deleted D2 while you were editing it.')
  await expect(unionForm.getByLabel('Coverage')).toHaveValue('Three provinces')
  await unionForm.getByRole('button', { name: 'Add it again' }).click()
  // A new row (the next free reference, D2 again) with the union's typing, for both of them.
  await expect(unionForm).toBeHidden()
  await expect(row(union)).toContainText('Inspection records')
  await expect(row(union)).toContainText('Three provinces')
  await expect(row(planner)).toContainText('Three provinces')
})
