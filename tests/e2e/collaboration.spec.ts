import { type Page } from '@playwright/test'
import { expect, login, substepHydrated, test, unique, type Person } from '../playwright-utils.ts'

// Live co-editing of a sub-step's team notes (planner = lead, union = co-author, viewer = viewer of
// a plan each test makes for itself) and live structured data on the same page.
const NOTES = 'Team notes for sub-step 1.1'

const notes = (page: Page) => page.getByLabel(NOTES, { exact: true })
const notesBlock = (page: Page) => page.locator('.collab').filter({ has: notes(page) })

async function openNotes(page: Page, planId: string) {
  await page.goto(`/plans/${planId}/steps/1.1`)
  await expect(notesBlock(page).getByRole('status')).toHaveText('Connected')
}

/** How the notes' presence list and carets name someone: their name and organisation. */
const shownAs = (person: Person) => `${person.name} (${person.organisation})`

/** Types at the end of the document, on a new line. */
async function typeAtEnd(page: Page, text: string) {
  await notes(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type(text)
}

test('two co-authors write the same notes live, see each other, and a viewer follows without typing', async ({
  page,
  newUser,
  factories,
}) => {
  test.slow() // three people sign in and connect
  const team = await factories.planWithTeam({ coauthor: 'workers', viewer: 'government' })
  const { planId } = team
  const planner = await newUser(team.lead.email)
  const union = await newUser(team.coauthor.email)
  const viewer = await newUser(team.viewer.email)
  await page.close()
  for (const p of [planner, union, viewer]) await openNotes(p, planId)

  // Each sees who else is on the document, with the organisation the server vouches for.
  await expect(notesBlock(planner).getByRole('list', { name: 'Also here:' })).toContainText(shownAs(team.coauthor))
  await expect(notesBlock(union).getByRole('list', { name: 'Also here:' })).toContainText(shownAs(team.lead))
  await expect(notesBlock(planner).getByRole('list', { name: 'Also here:' })).toContainText(shownAs(team.viewer))

  const fromPlanner = unique('Inspectors report seasonal hiring')
  const fromUnion = unique('Union stewards confirm day-labour contracts')
  await typeAtEnd(planner, fromPlanner)
  await expect(notesBlock(planner).getByText('Saved', { exact: true })).toBeVisible()
  await expect(notes(union)).toContainText(fromPlanner)

  await typeAtEnd(union, fromUnion)
  await expect(notes(planner)).toContainText(fromUnion)
  // The union's caret, labelled with their name, is drawn in the planner's editor…
  await expect(planner.locator('.ed-cursor__name', { hasText: team.coauthor.name })).toBeVisible()
  await expect(notesBlock(union).getByText('Saved', { exact: true })).toBeVisible()

  // …and the planner's in the union's once the planner is back in the text.
  await notes(planner).click()
  await planner.keyboard.press('End')
  await planner.keyboard.type('!')
  await expect(union.locator('.ed-cursor__name', { hasText: team.lead.name })).toBeVisible()

  // The viewer sees both texts arrive, but cannot change the document.
  await expect(notes(viewer)).toContainText(fromPlanner)
  await expect(notes(viewer)).toContainText(fromUnion)
  await expect(notesBlock(viewer).getByText(/^Read only/)).toBeVisible()
  await expect(viewer.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0)
  await expect(notes(viewer)).toHaveAttribute('contenteditable', 'false')
  const before = await notes(viewer).innerText()
  await notes(viewer).click()
  await viewer.keyboard.type('viewer was here')
  await expect(notes(viewer)).not.toContainText('viewer was here')
  expect(await notes(viewer).innerText()).toBe(before)
  await expect(notes(planner)).not.toContainText('viewer was here')

  // The co-authors' own toolbar is there and labelled.
  await expect(
    planner.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' }),
  ).toHaveAttribute('aria-pressed', 'false')
})

test('a mandate item the planner adds appears on the union’s open page within seconds, without a reload', async ({
  page,
  newUser,
  factories,
}) => {
  test.slow()
  const { planId, lead, coauthor } = await factories.planWithTeam({ coauthor: 'workers' })
  const planner = await newUser(lead.email)
  const union = await newUser(coauthor.email)
  await page.close()
  await planner.goto(`/plans/${planId}/steps/1.1`)
  await union.goto(`/plans/${planId}/steps/1.1`)
  await expect(union.getByRole('heading', { name: 'Mandate register' })).toBeVisible()
  await union.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))

  const instrument = unique('Plantation Labour Regulation')
  const add = planner.locator('details.worksheet__add').filter({ hasText: 'Add a mandate item' })
  await add.locator('summary').click()
  const form = add.getByRole('form', { name: 'Add a mandate item' })
  await form.getByLabel('Instrument').fill(instrument)
  await form.getByLabel('Power or limit').selectOption({ index: 1 })
  await form.getByRole('button', { name: 'Add a mandate item' }).click()
  await expect(planner.getByRole('rowheader', { name: new RegExp(`^${instrument} \\(M\\d+\\)$`) })).toBeVisible()

  await expect(union.getByRole('rowheader', { name: new RegExp(`^${instrument} \\(M\\d+\\)$`) })).toBeVisible({
    timeout: 3_000,
  })
  expect(await union.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
})

test('typing continues offline, the edits are sent when the connection returns, and leaving before that warns first', async ({
  page,
  newUser,
  factories,
}) => {
  test.slow()
  const { planId, lead, coauthor } = await factories.planWithTeam({ coauthor: 'workers' })
  const planner = await newUser(lead.email)
  const union = await newUser(coauthor.email)
  await page.close()
  const notes13 = (p: Page) => p.getByLabel('Team notes for sub-step 1.3', { exact: true })
  const block13 = (p: Page) => p.locator('.collab').filter({ has: notes13(p) })
  for (const p of [planner, union]) {
    await p.goto(`/plans/${planId}/steps/1.3`)
    await expect(block13(p).getByRole('status')).toHaveText('Connected')
  }

  await planner.context().setOffline(true)
  await expect(block13(planner).getByRole('status')).toHaveText('Offline')
  const text = unique('Written while the network was down')
  await notes13(planner).click()
  await planner.keyboard.press('Control+End')
  await planner.keyboard.press('Enter')
  await planner.keyboard.type(text)
  await expect(notes13(planner)).toContainText(text)
  await expect(
    block13(planner).getByText('Offline — your edits are kept and will be sent when the connection returns'),
  ).toBeVisible()

  // Closing the tab now asks first (the dialog is dismissed, so the page stays).
  const dialog = planner.waitForEvent('dialog')
  await planner.close({ runBeforeUnload: true })
  const asked = await dialog
  expect(asked.type()).toBe('beforeunload')
  await asked.dismiss()
  await expect(notes13(union)).not.toContainText(text)

  await planner.context().setOffline(false)
  await expect(block13(planner).getByRole('status')).toHaveText('Connected', { timeout: 15_000 })
  await expect(notes13(union)).toContainText(text)
  await expect(block13(planner).getByText('Saved', { exact: true })).toBeVisible()
})

/** Pastes `text` as the clipboard would (a real paste needs clipboard permissions). */
async function paste(page: Page, editor: ReturnType<typeof notes>, text: string) {
  await editor.click()
  await page.keyboard.press('Control+End')
  await editor.evaluate((element, value) => {
    const data = new DataTransfer()
    data.setData('text/plain', value)
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, text)
}

test('the sub-step works before the editor has downloaded, and a failed download can be retried', async ({
  page,
  factories,
}) => {
  const { planId, viewer } = await factories.planWithTeam({ viewer: 'government' })
  await login(page, viewer.email)
  // The editor's code (Lexical, Yjs) is its own file, fetched after the page has hydrated.
  await page.route('**/assets/LiveDocument-*.js', (route) => route.abort('internetdisconnected'))
  await page.goto(`/plans/${planId}/steps/1.1`)
  await substepHydrated(page)
  const section = page.getByRole('region', { name: 'Team notes' })
  await expect(section.getByRole('alert')).toHaveText(
    /The editor could not be loaded\. Check the connection, then try again\./,
  )
  // The rest of the page is a working React page meanwhile.
  await page
    .getByRole('region', { name: 'Discussion of sub-step 1.1' })
    .getByRole('button', { name: /^Comments \(\d+\)$/ })
    .click()
  await expect(
    page
      .getByRole('region', { name: 'Discussion of sub-step 1.1' })
      .getByRole('button', { name: /^Comments \(\d+\)$/ }),
  ).toHaveAttribute('aria-expanded', 'true')

  await page.unroute('**/assets/LiveDocument-*.js')
  await section.getByRole('button', { name: 'Try again' }).click()
  await expect(notesBlock(page).getByRole('status')).toHaveText('Connected')
  await expect(notesBlock(page)).toContainText('Read only')
})

test('a paste too large to share is refused with an explanation; large edits made offline are saved on reconnection', async ({
  page,
  factories,
}) => {
  test.slow()
  const { planId, lead } = await factories.planWithTeam({}, { title: unique('Large offline edits') })
  await login(page, lead.email)
  await openNotes(page, planId)

  // One paste of 1.2 MB: refused before it enters the document, the session carries on.
  await paste(page, notes(page), `start-${'a'.repeat(1_200_000)}`)
  await expect(notesBlock(page).getByRole('alert')).toContainText('This paste is too large to share')
  await expect(notes(page)).not.toContainText('start-aaa')
  await notesBlock(page).getByRole('button', { name: 'Dismiss' }).click()
  await expect(notesBlock(page).getByRole('status')).toHaveText('Connected')

  // Three large pastes made offline add up to more than one message to the server may hold: on
  // reconnection they are sent in several, stored, and a fresh load of the page has all of them.
  await page.context().setOffline(true)
  await expect(notesBlock(page).getByRole('status')).toHaveText('Offline')
  for (const part of ['first', 'second', 'third']) await paste(page, notes(page), `${part}-${'b'.repeat(450_000)}`)
  await expect(notes(page)).toContainText('third-bbb')
  await page.context().setOffline(false)
  await expect(notesBlock(page).getByRole('status')).toHaveText('Connected')
  await expect(notesBlock(page).getByText('Saved', { exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(notesBlock(page).getByRole('alert')).toHaveCount(0)
  await openNotes(page, planId)
  for (const part of ['first', 'second', 'third']) await expect(notes(page)).toContainText(`${part}-bbb`)
})

test('a co-author downgraded to viewer while edits are unsaved is told so and offered the text, not left to lose it', async ({
  page,
  newUser,
  factories,
}) => {
  test.slow()
  const team = await factories.planWithTeam({ coauthor: 'employers' })
  const { planId } = team
  await login(page, team.lead.email)
  await page.goto(`/plans/${planId}/members`)
  const row = page.getByRole('row', { name: new RegExp(team.coauthor.name) })
  await expect(row).toBeVisible()

  const coauthor = await newUser(team.coauthor.email)
  await coauthor.goto(`/plans/${planId}/steps/1.1`)
  await expect(notesBlock(coauthor).getByRole('status')).toHaveText('Connected')
  await coauthor.context().setOffline(true)
  await expect(notesBlock(coauthor).getByRole('status')).toHaveText('Offline')
  const text = unique('Estate payroll records show piece rates')
  await typeAtEnd(coauthor, text)

  await row.getByLabel(`Plan role of ${team.coauthor.name}`).selectOption('viewer')
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/members')),
    row.getByRole('button', { name: 'Change' }).click(),
  ])

  await coauthor.context().setOffline(false)
  const notice = notesBlock(coauthor).getByRole('alert').filter({ hasText: 'Your latest changes are not saved' })
  await expect(notice).toContainText('you can now read this document but no longer edit it')
  await expect(notice.getByLabel('Your text, including the changes that were not saved')).toHaveValue(new RegExp(text))
  await expect(notesBlock(coauthor).getByText(/^Read only/)).toBeVisible()
  await expect(notes(coauthor)).toHaveAttribute('contenteditable', 'false')

  // The shared document never received the text.
  await page.goto(`/plans/${planId}/steps/1.1`)
  await expect(notesBlock(page).getByRole('status')).toHaveText('Connected')
  await expect(notes(page)).not.toContainText(text)
  await notice.getByRole('button', { name: 'Load the shared version' }).click()
  await expect(notesBlock(coauthor).getByRole('status')).toHaveText('Connected')
  await expect(notes(coauthor)).not.toContainText(text)
})
