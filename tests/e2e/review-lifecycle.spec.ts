import { type Page } from '@playwright/test'
import { createPlan, expect, login, test, unique } from '../playwright-utils.ts'

// The review lifecycle of ADR 009 on a plan of the test's own: a plan in review is locked, the
// reviewer sees what an approval lacks and approves once the three constituencies endorsed it;
// a plan returned for changes shows why on its overview and in its history.

const LEAD = 'planner@demo.example'

async function optionText(scope: ReturnType<Page['getByRole']>, name: RegExp) {
  return ((await scope.getByRole('option', { name }).textContent()) ?? '').trim()
}

async function addMember(page: Page, name: string, role: string) {
  const form = page.getByRole('region', { name: 'Add a member' })
  await form.getByLabel('Person').selectOption({ label: await optionText(form, new RegExp(`^${name} ·`)) })
  await form.getByLabel('Plan role').selectOption({ label: await optionText(form, new RegExp(`^${role} —`)) })
  await form.getByRole('button', { name: 'Add to plan' }).click()
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible()
}

/** A new plan led by the inspectorate, with the workers' and employers' organisations on its team. */
async function tripartitePlan(lead: Page) {
  const planId = await createPlan(lead, { title: unique('Review lifecycle plan') })
  await lead.goto(`/plans/${planId}/members`)
  await addMember(lead, 'Budi Hartono', 'Co-author')
  await addMember(lead, 'Sari Lestari', 'Contributor')
  return planId
}

async function submit(lead: Page, planId: string) {
  await lead.goto(`/plans/${planId}/review`)
  await lead.getByRole('button', { name: 'Submit for review' }).click()
  await expect(lead.getByRole('region', { name: 'Status' })).toContainText('In review')
}

/** Records the endorsement of `person`'s organisation; their row then names them. */
async function endorse(page: Page, planId: string, person: string) {
  await page.goto(`/plans/${planId}/review`)
  const form = page.locator('form.endorse-form')
  await form.getByRole('radio', { name: 'Endorses' }).check()
  await form.getByRole('button', { name: 'Record decision' }).click()
  await expect(page.getByRole('row').filter({ hasText: person })).toContainText('Endorses')
}

test('a plan in review is locked; approval waits for the three constituencies', async ({
  page,
  newUser,
  factories,
}) => {
  test.setTimeout(120_000)
  await login(page, LEAD)
  const planId = await tripartitePlan(page)
  await submit(page, planId)

  // Locked: the banner says why, and the worksheets offer no edit control.
  await page.goto(`/plans/${planId}/steps/1.1`)
  await expect(page.getByRole('note', { name: 'Plan locked' })).toContainText('This plan is in review')
  await expect(page.getByRole('button', { name: /^Add / })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Details' })).toHaveCount(0)

  // The reviewer (signed in with two-factor, as approving needs) asks to approve and sees what is missing.
  const reviewer = await newUser(await factories.reviewer())
  await reviewer.goto(`/plans/${planId}/review`)
  await reviewer.getByRole('link', { name: 'Approve this version' }).click()
  const summary = reviewer.getByRole('region', { name: 'Approve this version?' })
  for (const missing of [
    'Government: not endorsed',
    "Workers' organisation: not endorsed",
    "Employers' organisation: not endorsed",
  ]) {
    await expect(summary.getByRole('listitem').filter({ hasText: missing })).toHaveCount(1)
  }
  await expect(summary).toContainText('You may approve it anyway only with a written reason')
  await expect(summary.getByLabel('Reason for approving anyway (required)')).toBeVisible()
  await summary.getByRole('link', { name: 'Cancel' }).click()

  // The team endorses the submitted version.
  const union = await newUser('union@demo.example')
  const employer = await newUser('employer@demo.example')
  await endorse(page, planId, 'Ratna Wijaya')
  await endorse(union, planId, 'Budi Hartono')
  await endorse(employer, planId, 'Sari Lestari')

  await reviewer.goto(`/plans/${planId}/review`)
  await reviewer.getByRole('link', { name: 'Approve this version' }).click()
  const ready = reviewer.getByRole('region', { name: 'Approve this version?' })
  await expect(ready).toContainText('Every constituency endorsed the submitted version')
  await ready.getByRole('button', { name: 'Confirm approval' }).click()
  await expect(reviewer.getByRole('region', { name: 'Status' })).toContainText('Approved')
  await expect(reviewer.getByRole('link', { name: 'Version 1' })).toBeVisible()

  // The overview's history names the old and the new status.
  await page.goto(`/plans/${planId}`)
  await expect(page.getByRole('region', { name: 'Recent activity' })).toContainText(
    'Changed the status from In review to Approved',
  )
})

test('return for changes: the note is required and stays on the overview until the plan is resubmitted', async ({
  page,
  newUser,
}) => {
  test.setTimeout(120_000)
  await login(page, LEAD)
  const planId = await tripartitePlan(page)
  await submit(page, planId)

  const reviewer = await newUser('ilo@demo.example')
  await reviewer.goto(`/plans/${planId}/review`)
  const form = reviewer.getByRole('form', { name: 'Return for changes' })
  await expect(form.getByLabel('Reason for returning the plan (required)')).toHaveAttribute('required', '')
  const note = 'Add the union survey as a second source for K1.'
  await form.getByLabel('Reason for returning the plan (required)').fill(note)
  await form.getByRole('button', { name: 'Return for changes' }).click()
  await expect(reviewer.getByRole('region', { name: 'Status' })).toContainText('Draft')

  await page.goto(`/plans/${planId}`)
  const returned = page.getByRole('region', { name: 'Returned for changes' })
  await expect(returned).toContainText(note)
  // The reviewer's organisation as the portal names it (the demo's is "ILO LABADMIN/OSH").
  await expect(returned).toContainText(/Returned by Claire Dubois \(ILO[^)]*\)/)
  await expect(page.getByRole('region', { name: 'Recent activity' })).toContainText(
    /Returned for changes by Claire Dubois \(ILO[^)]*\): Add the union survey as a second source for K1\./,
  )
  await page.goto(`/plans/${planId}/review`)
  await expect(page.getByRole('region', { name: 'Returned for changes' })).toContainText(note)

  // Resubmitted, the note leaves the overview (it stays in the history).
  await submit(page, planId)
  await page.goto(`/plans/${planId}`)
  await expect(page.getByRole('region', { name: 'Returned for changes' })).toHaveCount(0)
})
