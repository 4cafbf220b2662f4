// Helpers for the specs where two people (or one person in two tabs) work on one plan (ADR 036).
import { type Page } from '@playwright/test'
import { createPlan, expect, login, unique } from '../playwright-utils.ts'

/** Adds `name` (a demo user) to the plan as co-author, through the members page. */
export async function addCoAuthor(page: Page, planId: string, name: string) {
  await page.goto(`/plans/${planId}/members`)
  const form = page.getByRole('region', { name: 'Add a member' })
  const person = ((await form.getByRole('option', { name: new RegExp(`^${name} ·`) }).textContent()) ?? '').trim()
  await form.getByLabel('Person').selectOption({ label: person })
  await form
    .getByLabel('Plan role')
    .selectOption({ label: ((await form.getByRole('option', { name: /^Co-author —/ }).textContent()) ?? '').trim() })
  await form.getByRole('button', { name: 'Add to plan' }).click()
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible()
}

/** Creates a worksheet item through the sub-step's action, as the signed-in person. */
export async function addItem(page: Page, planId: string, substep: string, form: Record<string, string>) {
  const response = await page.request.post(`/plans/${planId}/steps/${substep}`, {
    form: { intent: 'item:create', ...form },
  })
  expect(response.ok()).toBe(true)
}

/** A fresh plan led by the planner (signed in on `planner`) with the union (Budi Hartono) as co-author. */
export async function plannerAndUnion(planner: Page, newUser: (email: string) => Promise<Page>, title: string) {
  await login(planner, 'planner@demo.example')
  const planId = await createPlan(planner, { title: unique(title) })
  await addCoAuthor(planner, planId, 'Budi Hartono')
  const union = await newUser('union@demo.example')
  return { planId, union }
}

/**
 * Cuts a page's live connection to the plan's events (a proxy that buffers event streams, a laptop
 * waking up): the page keeps showing what it loaded until it reloads its data for another reason.
 */
export async function withoutLiveRefresh(page: Page) {
  await page.route(/\/plans\/[^/]+\/events$/, (route) => route.abort())
}
