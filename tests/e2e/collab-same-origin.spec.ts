import { type Page } from '@playwright/test'
import { expect, test, unique } from '../playwright-utils.ts'

// A laptop in the workshop room opens the portal under the host's network address, not localhost
// (ADR 052): its notes connect to /collab on that same address, which the web process forwards to
// the collab-server, and it co-edits with someone who opened the portal on localhost. 127.0.0.2 is
// another loopback address: another origin for the browser, no network needed.
const NOTES = 'Team notes for sub-step 1.1'

const notes = (page: Page) => page.getByLabel(NOTES, { exact: true })
const notesBlock = (page: Page) => page.locator('.collab').filter({ has: notes(page) })

/** Types at the end of the document, on a new line. */
async function typeAtEnd(page: Page, text: string) {
  await notes(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type(text)
}

test('someone who opened the portal on another address co-edits the notes through that address', async ({
  page,
  newUser,
  factories,
  baseURL,
}) => {
  test.slow() // two people sign in and connect
  const { planId, lead, coauthor } = await factories.planWithTeam({ coauthor: 'workers' })
  const lan = new URL(baseURL!)
  lan.hostname = '127.0.0.2'
  const planner = await newUser(lead.email)
  const union = await newUser(coauthor.email, { baseURL: lan.origin })
  await page.close()
  const sockets: string[] = []
  union.on('websocket', (socket) => sockets.push(socket.url()))

  const response = await union.goto(`/plans/${planId}/steps/1.1`)
  expect(union.url()).toMatch(new RegExp(`^${lan.origin}/`))
  // Nothing but the page's own origin to connect to; the error watch fails the test on a violation.
  expect(response?.headers()['content-security-policy']).toMatch(/connect-src 'self';/)
  await planner.goto(`/plans/${planId}/steps/1.1`)
  // Generous: the editor's code is loaded after hydration, on a shared machine.
  for (const p of [union, planner]) {
    await expect(notesBlock(p).getByRole('status')).toHaveText('Connected', { timeout: 30_000 })
  }
  expect(sockets.filter((url) => url.startsWith(`ws://${lan.host}/collab/plan.${planId}.notes.1.1?`))).not.toEqual([])

  const fromUnion = unique('Typed on the laptop across the room')
  await typeAtEnd(union, fromUnion)
  await expect(notes(planner)).toContainText(fromUnion)
  await expect(notesBlock(union).getByText('Saved', { exact: true })).toBeVisible()

  const fromPlanner = unique('Answered from the host machine')
  await typeAtEnd(planner, fromPlanner)
  await expect(notes(union)).toContainText(fromPlanner)
  await expect(notesBlock(planner).getByText('Saved', { exact: true })).toBeVisible()
})
