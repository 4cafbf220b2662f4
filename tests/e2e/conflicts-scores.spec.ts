import { createPlan, expect, login, openSubstep, test, unique } from '../playwright-utils.ts'
import { addItem } from './two-people.ts'

// One person scores an intervention in 5.2 from two tabs: a criterion changed in one tab only is
// combined with the other tab's save, and a criterion both tabs changed is shown side by side
// (ADR 036). The same score sheet serves 2.2 and 4.2.

test('scores saved from two tabs are combined, and a score both tabs changed is chosen knowingly', async ({
  page: tabA,
}) => {
  test.setTimeout(120_000) // several saves on a shared machine
  await login(tabA, 'planner@demo.example')
  const planId = await createPlan(tabA, { title: unique('Scores from two tabs') })
  await addItem(tabA, planId, '5.1', {
    kind: 'intervention',
    title: 'Targeted inspections',
    interventionType: 'targeted_inspection',
  })
  const tabB = await tabA.context().newPage()
  await openSubstep(tabA, planId, '5.2')
  await openSubstep(tabB, planId, '5.2')
  const save = async (tab: typeof tabA, expected: string) => {
    const form = tab.getByRole('form', { name: 'Your scores for V1' })
    await form.getByRole('button', { name: 'Save your scores for V1' }).click()
    await expect(form.getByRole('status')).toHaveText(expected)
  }

  // Tab B starts on Reach; tab A scores Effect and saves.
  await tabB.getByLabel('Reach for V1').selectOption('2')
  await tabA.getByLabel('Effect for V1').selectOption('4')
  await save(tabA, 'Saved')

  // Tab B is told, keeps its own choice, and its save combines both.
  await expect(
    tabB.getByRole('status').filter({ hasText: 'Your scores for V1 were saved from another window or device' }),
  ).toBeVisible()
  await expect(tabB.getByLabel('Effect for V1')).toHaveValue('')
  await expect(tabB.getByLabel('Reach for V1')).toHaveValue('2')
  await save(tabB, 'Saved, together with the scores you saved meanwhile from another window or device.')
  await expect(tabB.getByLabel('Effect for V1')).toHaveValue('4')

  // Tab A, too, was told and combines tab B's Reach with its Cost.
  await expect(
    tabA.getByRole('status').filter({ hasText: 'Your scores for V1 were saved from another window or device' }),
  ).toBeVisible()
  await tabA.getByLabel('Cost for V1').selectOption('5')
  await save(tabA, 'Saved, together with the scores you saved meanwhile from another window or device.')
  await expect(tabA.getByLabel('Reach for V1')).toHaveValue('2')

  // Both tabs changed Cost: tab B's save shows both values and keeps its own until it chooses.
  await tabB.getByLabel('Cost for V1').selectOption('1')
  await tabB
    .getByRole('form', { name: 'Your scores for V1' })
    .getByRole('button', { name: 'Save your scores for V1' })
    .click()
  const choice = tabB.getByRole('group', { name: 'Cost', exact: true })
  await expect(choice).toContainText('Chosen here')
  await expect(choice).toContainText('Saved from your other window')
  await expect(tabB.getByLabel('Cost for V1')).toHaveValue('1')
  await choice.getByRole('button', { name: 'Take theirs' }).click()
  await expect(tabB.getByLabel('Cost for V1')).toHaveValue('5')
  await save(tabB, 'Saved')

  await tabA.reload()
  await expect(tabA.getByLabel('Effect for V1')).toHaveValue('4')
  await expect(tabA.getByLabel('Reach for V1')).toHaveValue('2')
  await expect(tabA.getByLabel('Cost for V1')).toHaveValue('5')
})
