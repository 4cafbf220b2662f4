import { type Page } from '@playwright/test'
import { expect, openSubstep, test } from '../playwright-utils.ts'
import { addItem, plannerAndUnion } from './two-people.ts'

// The planner types a position for a node of the 2.3 target map while the union moves the same
// node: the typed values survive the live refresh, the form says who moved it, and saving shows
// both positions to choose from (ADR 036).

async function openMoveForm(page: Page, planId: string) {
  await openSubstep(page, planId, '2.3')
  await page.locator('summary', { hasText: 'Move a node' }).click()
  await page.getByLabel('Node', { exact: true }).selectOption({ label: 'Group HQs (N1)' })
  return page.getByRole('form', { name: 'Position of N1' })
}

test('typed coordinates survive the union moving the node, and the planner chooses between both positions', async ({
  page: planner,
  newUser,
}) => {
  test.setTimeout(120_000) // two people sign in and both save, on a shared machine
  const { planId, union } = await plannerAndUnion(planner, newUser, 'Two people on one map')
  await addItem(planner, planId, '2.3', { kind: 'node', label: 'Group HQs', nodeCategory: 'lead_firm' })
  await addItem(planner, planId, '2.3', { kind: 'node', label: 'Estates', nodeCategory: 'producer' })

  const plannerForm = await openMoveForm(planner, planId)
  const x = plannerForm.getByLabel('x (0–4000)')
  const y = plannerForm.getByLabel('y (0–4000)')
  await x.fill('1200')
  await y.fill('900')

  // The union moves N1 with the same form and saves.
  const unionForm = await openMoveForm(union, planId)
  await unionForm.getByLabel('x (0–4000)').fill('300')
  await unionForm.getByLabel('y (0–4000)').fill('300')
  await unionForm.getByRole('button', { name: 'Save position' }).click()
  await expect(unionForm.getByRole('status').filter({ hasText: 'Position of N1 saved.' })).toBeVisible()

  // The planner's page refreshes live: the form says who moved N1 and where, and keeps what was typed.
  await expect(
    plannerForm
      .getByRole('status')
      .filter({ hasText: 'Budi Hartono moved N1 to x 300, y 300 since you started typing.' }),
  ).toBeVisible()
  await expect(x).toHaveValue('1200')
  await expect(y).toHaveValue('900')

  // Saving shows both positions side by side; the typed values stay until the planner chooses.
  await plannerForm.getByRole('button', { name: 'Save position' }).click()
  const choice = plannerForm.getByRole('group', { name: 'Position of N1' })
  await expect(choice).toContainText('Your value')
  await expect(choice).toContainText('x 1200, y 900')
  await expect(choice).toContainText('Saved by Budi Hartono')
  await expect(choice).toContainText('x 300, y 300')
  await expect(x).toHaveValue('1200')
  await choice.getByRole('button', { name: 'Take theirs' }).click()
  await expect(x).toHaveValue('300')
  await expect(y).toHaveValue('300')
  await choice.getByRole('button', { name: 'Keep mine' }).click()
  await expect(x).toHaveValue('1200')
  await expect(y).toHaveValue('900')

  // Saved knowingly; the union's form, untouched since its own save, follows the map.
  await plannerForm.getByRole('button', { name: 'Save position' }).click()
  await expect(plannerForm.getByRole('status').filter({ hasText: 'Position of N1 saved.' })).toBeVisible()
  await expect(choice).toBeHidden()
  await expect(unionForm.getByLabel('x (0–4000)')).toHaveValue('1200')
  await expect(unionForm.getByLabel('y (0–4000)')).toHaveValue('900')
})
