import { type Page } from '@playwright/test'
import { expect, substepHydrated, test, type E2eFactories, type TeamRoles } from '../playwright-utils.ts'

// Issue 5's loop on a plan of the test's own, with a tripartite team: the lead submits it, an ILO
// reviewer comments on a sub-step, the three constituencies endorse the submitted version, the
// reviewer approves once the lead resolved the comment, the lead starts implementation and records
// a measurement, and the reviewer sees all of it on the cross-country dashboard.

/** A plan with the demo palm oil plan's first two indicators (K1, K2), not yet measured. */
async function planWithIndicators<R extends TeamRoles>(factories: E2eFactories, roles: R) {
  const plan = await factories.planWithTeam(roles)
  await factories.indicator(plan.planId, plan.lead, {
    name: '% of core-task workers at the targeted estates on permanent or written contracts',
    indicatorType: 'compliance',
    unit: 'percent',
    baselineValue: 38,
    baselineDate: '2025-11-30',
    targetValue: 60,
    targetDate: '2027-12-31',
    periodicity: 'semiannual',
  })
  await factories.indicator(plan.planId, plan.lead, {
    name: '% of targeted estates fully compliant on employment status at follow-up',
    indicatorType: 'compliance',
    unit: 'percent',
    baselineValue: 22,
    baselineDate: '2025-12-31',
    targetValue: 55,
    targetDate: '2027-12-31',
    periodicity: 'semiannual',
  })
  return plan
}

/** The status badge in the plan's header, on every plan page. */
const statusOf = (page: Page) => page.locator('.plan-header .badge')

async function transition(page: Page, planId: string, button: string, expected: string) {
  await page.goto(`/plans/${planId}/review`)
  await page.getByRole('button', { name: button }).click()
  await expect(page.getByRole('region', { name: 'Status' })).toContainText(expected)
}

/** Approval goes through a summary of endorsements, objections and open comments (ADR 009). */
async function approve(page: Page, planId: string, overrideReason?: string) {
  await page.goto(`/plans/${planId}/review`)
  await page.getByRole('link', { name: 'Approve this version' }).click()
  const summary = page.getByRole('region', { name: 'Approve this version?' })
  if (overrideReason) {
    await summary.getByLabel('Reason for approving anyway (required)').fill(overrideReason)
    await summary.getByRole('button', { name: 'Approve without full endorsement' }).click()
  } else {
    await summary.getByRole('button', { name: 'Confirm approval' }).click()
  }
  await expect(page.getByRole('region', { name: 'Status' })).toContainText('Approved')
}

async function endorse(page: Page, planId: string, comment: string) {
  await page.goto(`/plans/${planId}/review`)
  const form = page.locator('form.endorse-form')
  await form.getByRole('radio', { name: 'Endorses' }).check()
  await form.getByLabel('Comment').fill(comment)
  await form.getByRole('button', { name: 'Record decision' }).click()
  await expect(page.getByRole('row').filter({ hasText: comment })).toContainText('Endorses')
}

/** The sub-step's own discussion, opened. */
async function substepThread(page: Page, planId: string, code: string) {
  await page.goto(`/plans/${planId}/steps/${code}`)
  // The toggle is a React control: a click before hydration is held back and lost (ADR 027).
  await substepHydrated(page)
  const section = page.getByRole('region', { name: `Discussion of sub-step ${code}` })
  await section.getByRole('button', { name: /^Comments \(\d+\)$/ }).click()
  return section
}

/** The plan's row of the dashboard. */
function dashboardRow(page: Page, title: string) {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) })
}

test('submit, review, approve, endorse, measure, and see it on the dashboard', async ({ newUser, factories }) => {
  // About 30 s on a quiet machine; 2 minutes bounds what a hang can cost the run.
  test.setTimeout(120_000)
  const team = await planWithIndicators(factories, { coauthor: 'workers', contributor: 'employers' })
  const { planId, title } = team
  const lead = await newUser(team.lead.email)
  const reviewer = await newUser(await factories.reviewer())

  await transition(lead, planId, 'Submit for review', 'In review')

  // The reviewer's comment on sub-step 6.2 is a review comment, open until the lead resolves it.
  const reviewerThread = await substepThread(reviewer, planId, '6.2')
  await reviewerThread.getByLabel('Your comment').fill('K1 needs the union survey as a second source.')
  await reviewerThread.getByRole('button', { name: 'Post comment' }).click()
  const reviewComment = reviewerThread
    .getByRole('article', { name: /Comment by/ })
    .filter({ hasText: 'K1 needs the union survey' })
  await expect(reviewComment).toContainText('Review comment, open')
  await lead.goto(`/plans/${planId}`)
  await expect(lead.getByRole('link', { name: 'Open review comments: 1' })).toBeVisible()

  const leadThread = await substepThread(lead, planId, '6.2')
  const toResolve = leadThread
    .getByRole('article', { name: /Comment by/ })
    .filter({ hasText: 'K1 needs the union survey' })
  await toResolve.getByRole('button', { name: 'Mark resolved' }).click()
  await expect(toResolve).toContainText('Review comment, resolved')

  // An ILO reviewer may comment and approve, but not edit the worksheets.
  await reviewer.goto(`/plans/${planId}/steps/6.2`)
  await expect(reviewer.getByRole('heading', { level: 2 }).first()).toBeVisible()
  await expect(reviewer.getByRole('button', { name: /^Add an indicator/ })).toHaveCount(0)

  // The three constituencies of the plan endorse the submitted version; then the reviewer approves.
  const union = await newUser(team.coauthor.email)
  const employer = await newUser(team.contributor.email)
  await endorse(lead, planId, 'Government stands behind the plan')
  await endorse(union, planId, 'Workers support the plan')
  await endorse(employer, planId, 'Employers support the plan')
  for (const constituency of ['Government', "Workers' organisation", "Employers' organisation"]) {
    await expect(
      employer.getByRole('listitem').filter({ hasText: constituency }).filter({ hasText: ', endorsed' }),
    ).toHaveCount(1)
  }
  await approve(reviewer, planId)
  await expect(reviewer.getByRole('link', { name: 'Version 1' })).toBeVisible()

  await transition(lead, planId, 'Start implementing', 'Implementing')

  // Before the new measurement: the dashboard's figures for the plan.
  await reviewer.goto('/dashboard?country=XL')
  const row = dashboardRow(reviewer, title)
  await expect(row).toContainText('Implementing')
  await expect(row).toContainText('3/3 constituencies endorsed')
  // The on-track column, after the compare checkbox, title, country, priority, status, progress and review.
  await expect(row.locator('td').nth(6)).toHaveText('0 of 2')

  // The lead records K1 for Q4 2026, which puts the indicator on track.
  await lead.goto(`/plans/${planId}/monitoring`)
  const k1 = lead.getByRole('article').filter({ has: lead.getByRole('heading', { name: /\(K1\)$/ }) })
  await k1.getByText('Record a measurement').click()
  const form = k1.getByRole('form', { name: /Record a measurement of .*\(K1\)/ })
  await form.getByLabel('Period').fill('2026-Q4')
  await form.getByLabel(/^Value/).fill('50')
  await form.getByLabel('Evidence source').fill('Follow-up inspections')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(k1.getByRole('row', { name: /2026-Q4/ })).toContainText('50')
  await expect(k1.locator('.status-chip')).toHaveText('On track')

  await reviewer.goto('/dashboard?country=XL')
  await expect(dashboardRow(reviewer, title).locator('td').nth(6)).toHaveText('1 of 2')
  await expect(dashboardRow(reviewer, title)).toContainText('Open review comments: 0')
})

test.describe('live updates', () => {
  test('measurements, status changes and endorsements reach another viewer without a reload', async ({
    newUser,
    factories,
  }) => {
    test.setTimeout(120_000)
    const team = await planWithIndicators(factories, {})
    const { planId } = team
    const lead = await newUser(team.lead.email)
    const reviewer = await newUser(await factories.reviewer())

    // The reviewer keeps the overview open; the lead submits the plan.
    await reviewer.goto(`/plans/${planId}`)
    await expect(statusOf(reviewer)).toContainText('Draft')
    await transition(lead, planId, 'Submit for review', 'In review')
    await expect(statusOf(reviewer)).toContainText('In review')

    // The lead keeps the review page open; the reviewer approves.
    // (No endorsement yet: the reviewer approves with a written reason.)
    await lead.goto(`/plans/${planId}/review`)
    await approve(reviewer, planId, 'Live-update check: the partners endorse after approval.')
    await expect(lead.getByRole('link', { name: 'Version 1' })).toBeVisible()
    await expect(lead.getByRole('region', { name: 'Status' })).toContainText('Approved')

    // The reviewer keeps the review page open; the lead's organisation endorses.
    await reviewer.goto(`/plans/${planId}/review`)
    await expect(reviewer.getByRole('listitem').filter({ hasText: 'Government, not endorsed' })).toHaveCount(1)
    await endorse(lead, planId, 'Inspectorate endorses')
    await expect(reviewer.getByRole('listitem').filter({ hasText: 'Government, endorsed' })).toHaveCount(1)

    // The reviewer keeps the plan's monitoring page open; its lead records a measurement.
    const k2 = (page: Page) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: /\(K2\)$/ }) })
    await reviewer.goto(`/plans/${planId}/monitoring`)
    await expect(k2(reviewer)).toContainText('No measurement recorded yet.')
    await lead.goto(`/plans/${planId}/monitoring`)
    await k2(lead).getByText('Record a measurement').click()
    const form = k2(lead).getByRole('form', { name: /Record a measurement of .*\(K2\)/ })
    await form.getByLabel('Period').fill('2026-Q3')
    await form.getByLabel(/^Value/).fill('31')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(k2(lead).getByRole('row', { name: /2026-Q3/ })).toBeVisible()
    await expect(k2(reviewer).getByRole('row', { name: /2026-Q3/ })).toContainText('31')
  })
})
