// Plausibility warnings on the implementation chart (6.2): allowed entries that are probably not
// meant are flagged while typing and on the saved rows, never refused.
import { expect, login, openSubstep, test } from '../playwright-utils.ts'

test('activities outside the plan period or under a deferred intervention, and indicators without a baseline, are flagged', async ({
  page,
  factories,
}) => {
  const plan = await factories.planWithTeam({}, { startDate: '2026-01-01', endDate: '2027-12-31' })
  const selected = await factories.intervention(
    plan.planId,
    plan.lead,
    'Joint inspections of the large estates',
    'selected',
  )
  const deferred = await factories.intervention(plan.planId, plan.lead, 'Radio campaign on contracts', 'deferred')
  // Added while the radio campaign was still selected; the team deferred it since.
  await factories.item(plan.planId, plan.lead, 'activity', 'A', {
    intervention: deferred.id,
    activity: 'Record the radio spots',
    startDate: '2026-03-01',
    endDate: '2026-06-30',
    status: 'planned',
  })
  await login(page, plan.lead.email)
  await openSubstep(page, plan.planId, '6.2')

  // The activities list (the implementation chart panel shows the same activity again).
  const activities = page
    .locator('section.worksheet')
    .filter({ has: page.getByRole('heading', { name: 'Implementation chart', exact: true }) })
  await expect(activities.getByRole('row').filter({ hasText: 'Record the radio spots' })).toBeVisible()
  await expect(activities.getByText('the team deferred this intervention in 5.2')).toBeVisible()

  // While typing: the end date after the plan ends is flagged at once, and the flag goes when corrected.
  await page
    .locator('summary')
    .filter({ hasText: /^Add an activity$/ })
    .click()
  const form = page.getByRole('form', { name: 'Add an activity' })
  await form.getByLabel(/^Intervention/).selectOption(selected.id)
  await form.getByLabel(/^Activity/).fill('Inspect the 22 large estates')
  await form.getByLabel(/^Start/).fill('2026-03-01')
  await form.getByLabel(/^End/).fill('2029-06-30')
  await form.getByLabel(/^Status/).selectOption('planned')
  const typing = form.getByRole('status').filter({ hasText: 'Check before relying on this entry' })
  await expect(typing).toContainText('End: 30 Jun 2029 is outside the plan period (1 Jan 2026 – 31 Dec 2027).')
  await form.getByLabel(/^End/).fill('2027-06-30')
  await expect(typing).toBeHidden()

  // A warning never blocks the save: the row is kept and carries it.
  await form.getByLabel(/^End/).fill('2029-06-30')
  await form.getByRole('button', { name: 'Add an activity' }).click()
  await expect(activities.getByRole('row').filter({ hasText: 'Inspect the 22 large estates' })).toBeVisible()
  await expect(activities.getByText('30 Jun 2029 is outside the plan period')).toBeVisible()

  // An indicator: no baseline and no target date are flagged as it is typed.
  await page
    .locator('summary')
    .filter({ hasText: /^Add an indicator$/ })
    .click()
  const indicator = page.getByRole('form', { name: 'Add an indicator' })
  await indicator.getByLabel(/^Indicator/).fill('Share of harvesters with a written contract')
  const indicatorWarnings = indicator.getByRole('status').filter({ hasText: 'Check before relying' })
  await expect(indicatorWarnings).toContainText('Baseline: no baseline value and date')
  await expect(indicatorWarnings).toContainText('Target date: no target date')
  await indicator.getByLabel(/^Baseline( \*)?$/).fill('12')
  await indicator.getByLabel(/^Baseline date/).fill('2025-12-31')
  await indicator.getByLabel(/^Target date/).fill('2027-12-31')
  await expect(indicatorWarnings).toBeHidden()
})
