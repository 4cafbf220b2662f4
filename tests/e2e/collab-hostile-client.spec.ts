import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CLOSE_CODES, collabSocketUrl } from '#core/collab/contract.ts'
import { type CollabTicket } from '#app/editor/ticket.ts'
import { expect, test, unique } from '../playwright-utils.ts'

// A co-author's own client (not the portal's editor) writing into a plan's notes must not break the
// editor other people have open (ADR 034). The plan and its lead and co-author are the test's own.
const NOTES = 'Team notes for sub-step 1.1'

test('a node of a type the editor does not know, written by a co-author’s client, is refused and the others’ editor keeps working', async ({
  page,
  newUser,
  factories,
  baseURL,
}) => {
  test.slow() // two people sign in
  const { planId, lead, coauthor } = await factories.planWithTeam({ coauthor: 'workers' })
  const planner = await newUser(lead.email)
  const union = await newUser(coauthor.email)
  await page.close()
  await planner.goto(`/plans/${planId}/steps/1.1`)
  const notes = planner.getByLabel(NOTES, { exact: true })
  const block = planner.locator('.collab').filter({ has: notes })
  // Generous: the editor's code is loaded after hydration, on a shared machine.
  await expect(block.getByRole('status')).toHaveText('Connected', { timeout: 30_000 })
  const before = unique('Written before the hostile edit')
  await notes.click()
  await planner.keyboard.press('Control+End')
  await planner.keyboard.press('Enter')
  await planner.keyboard.type(before)
  await expect(block.getByText('Saved', { exact: true })).toBeVisible()

  // The union's session token, used by a raw Yjs client instead of the editor.
  const response = await union.request.get(`/api/collab/token?planId=${planId}&substep=1.1`, {
    headers: { Accept: 'application/json' },
  })
  expect(response.status()).toBe(200)
  const ticket = (await response.json()) as CollabTicket
  const doc = new Y.Doc()
  // The ticket names a path on the portal's origin, which forwards the socket (ADR 052).
  const provider = new WebsocketProvider(collabSocketUrl(ticket.url, new URL(baseURL!)), ticket.doc, doc, {
    params: { token: ticket.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    shouldReconnect: () => false,
  })
  try {
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    const closed = new Promise<number>((resolve) =>
      provider.once('connection-close', (event) => resolve(event?.code ?? 0)),
    )
    doc.transact(() => {
      const root = doc.get('root', Y.XmlText)
      const element = new Y.XmlText()
      root.insertEmbed(root.length, element)
      element.setAttribute('__type', 'evil-widget')
      element.insert(0, 'hostile payload')
    })
    expect(await closed).toBe(CLOSE_CODES.unknownNodeType)
  } finally {
    provider.destroy()
  }

  // The planner's editor still shows the document and still saves what they type.
  const after = unique('Written after the hostile edit')
  await notes.click()
  await planner.keyboard.press('Control+End')
  await planner.keyboard.press('Enter')
  await planner.keyboard.type(after)
  await expect(block.getByText('Saved', { exact: true })).toBeVisible()
  await expect(notes).toContainText(before)
  await expect(notes).toContainText(after)
  await expect(notes).not.toContainText('hostile payload')
  await expect(block.getByRole('status')).toHaveText('Connected')
  // Someone opening the notes now gets the same: nothing of the hostile edit was stored.
  await union.goto(`/plans/${planId}/steps/1.1`)
  const unionNotes = union.getByLabel(NOTES, { exact: true })
  await expect(union.locator('.collab').filter({ has: unionNotes }).getByRole('status')).toHaveText('Connected', {
    timeout: 30_000,
  })
  await expect(unionNotes).toContainText(after)
  await expect(unionNotes).not.toContainText('hostile payload')
})
