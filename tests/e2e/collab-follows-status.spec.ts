import { type Page } from '@playwright/test'
import { createPlan, expect, login, test, unique } from '../playwright-utils.ts'

// An open notes editor follows the plan's status at once (ADR 009): read-only as soon as the lead
// submits the plan, editable again as soon as they withdraw it, without a reload, saying why.

const NOTES = 'Team notes for sub-step 1.1'
const notes = (page: Page) => page.getByLabel(NOTES, { exact: true })
const notesBlock = (page: Page) => page.locator('.collab').filter({ has: notes(page) })

async function optionText(scope: ReturnType<Page['getByRole']>, name: RegExp) {
  return ((await scope.getByRole('option', { name }).textContent()) ?? '').trim()
}

async function addCoauthor(lead: Page, planId: string, name: string) {
  await lead.goto(`/plans/${planId}/members`)
  const form = lead.getByRole('region', { name: 'Add a member' })
  await form.getByLabel('Person').selectOption({ label: await optionText(form, new RegExp(`^${name} ·`)) })
  await form.getByLabel('Plan role').selectOption({ label: await optionText(form, /^Co-author —/) })
  await form.getByRole('button', { name: 'Add to plan' }).click()
  await expect(lead.getByRole('row', { name: new RegExp(name) })).toBeVisible()
}

async function changeStatus(lead: Page, planId: string, button: string, status: string) {
  await lead.goto(`/plans/${planId}/review`)
  await lead.getByRole('button', { name: button }).click()
  await expect(lead.getByRole('region', { name: 'Status' })).toContainText(status)
}

test('an open notes editor turns read-only when the plan is submitted and editable when it is withdrawn, without a reload', async ({
  page,
  newUser,
}) => {
  test.setTimeout(120_000)
  await login(page, 'planner@demo.example')
  const planId = await createPlan(page, { title: unique('Editor follows the status') })
  await addCoauthor(page, planId, 'Budi Hartono')

  const union = await newUser('union@demo.example')
  await union.goto(`/plans/${planId}/steps/1.1`)
  const block = notesBlock(union)
  await expect(block.getByRole('status')).toHaveText('Connected')
  await expect(notes(union)).toHaveAttribute('contenteditable', 'true')
  // Survives only if the page is never reloaded.
  await union.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))

  await changeStatus(page, planId, 'Submit for review', 'In review')
  await expect(notes(union)).toHaveAttribute('contenteditable', 'false')
  await expect(
    block.getByText('The plan has just been submitted for review: this document is now read-only for everyone.', {
      exact: false,
    }),
  ).toBeVisible()
  await expect(block.getByText(/^Read only while the plan is in review/)).toBeVisible()
  await expect(union.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0)

  await changeStatus(page, planId, 'Withdraw from review', 'Draft')
  await expect(notes(union)).toHaveAttribute('contenteditable', 'true')
  await expect(block.getByText('The plan is back in draft: you can edit this document again.')).toBeVisible()
  await expect(union.getByRole('toolbar', { name: 'Formatting' })).toBeVisible()
  expect(await union.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)

  // And what the co-author now types is saved and reaches the lead.
  const text = unique('Written after the withdrawal')
  await notes(union).click()
  await union.keyboard.press('Control+End')
  await union.keyboard.press('Enter')
  await union.keyboard.type(text)
  await expect(block.getByText('Saved', { exact: true })).toBeVisible()
  await page.goto(`/plans/${planId}/steps/1.1`)
  await expect(notesBlock(page).getByRole('status')).toHaveText('Connected', { timeout: 15_000 })
  await expect(notes(page)).toContainText(text)
})
