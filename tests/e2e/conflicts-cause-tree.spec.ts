import { createPlan, expect, openSubstep, test, unique } from '../playwright-utils.ts'

// The 3.1 cause tree keeps an open edit form when someone deletes its cause meanwhile, as the
// worksheet tables do (ADR 036): the typing stays and can be added again. The lead works in two
// windows, as two people of one team would.
const LEAD = 'ssa@demo.example'

test('a cause deleted while it is being edited keeps the typing, which can be added again', async ({ newUser }) => {
  test.setTimeout(120_000)
  const editor = await newUser(LEAD)
  const planId = await createPlan(editor, { title: unique('Cause deleted while edited') })
  for (const statement of ['Employers avoid permanent contracts', 'Workers fear losing work']) {
    const created = await editor.request.post(`/plans/${planId}/steps/3.1`, {
      form: { intent: 'item:create', kind: 'cause', statement, level: 'root' },
    })
    expect(created.ok()).toBe(true)
  }
  await openSubstep(editor, planId, '3.1')
  await editor.getByRole('button', { name: 'Edit C2' }).click()
  const form = editor.getByRole('form', { name: 'Edit C2' })
  await form.getByLabel(/^Cause( \*)?$/).fill('Workers fear losing work if they complain')

  const other = await newUser(LEAD)
  await openSubstep(other, planId, '3.1')
  other.once('dialog', (dialog) => void dialog.accept())
  await other.getByRole('button', { name: 'Delete C2' }).click()
  await expect(other.getByText('Workers fear losing work')).toHaveCount(0)

  // The live refresh removes C2 from the editor's tree; the form stays with what was typed.
  await expect(form.getByRole('alert')).toContainText('Someone deleted C2 while you were editing it.')
  await expect(form.getByLabel(/^Cause( \*)?$/)).toHaveValue('Workers fear losing work if they complain')
  await form.getByRole('button', { name: 'Add it again' }).click()
  await expect(form).toBeHidden()
  await expect(
    editor.locator('.cause-node__statement', { hasText: 'Workers fear losing work if they complain' }),
  ).toBeVisible()
  await expect(
    other.locator('.cause-node__statement', { hasText: 'Workers fear losing work if they complain' }),
  ).toBeVisible()
})
