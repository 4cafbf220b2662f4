import { type Page } from '@playwright/test'
import { axeViolations } from '../axe.ts'
import { expect, substepHydrated, test, unique } from '../playwright-utils.ts'

// Mentions (issue 14, ADR 062): "@" in a comment and in the team notes lists the plan's people; the
// keyboard picks one; the mentioned person is told (read here from the database until the
// notifications page exists).

async function openDiscussion(page: Page, planId: string, code: string) {
  await page.goto(`/plans/${planId}/steps/${code}`)
  await substepHydrated(page)
  const section = page.getByRole('region', { name: `Discussion of sub-step ${code}` })
  await section.getByRole('button', { name: /^Comments \(\d+\)$/ }).click()
  return section
}

test('"@" in a comment picks a team member with the keyboard, shows their name and tells them', async ({
  newUser,
  factories,
}) => {
  const team = await factories.planWithTeam({ coauthor: 'workers' })
  const lead = await newUser(team.lead.email)
  const thread = await openDiscussion(lead, team.planId, '2.2')
  const box = thread.getByLabel('Your comment')
  const first = team.coauthor.name.split(' ')[0]!
  // The list must add no accessibility violation to what the page has without it.
  const without = await axeViolations(lead, { minImpact: 'serious' })
  await box.pressSequentially(`Could @${first.slice(0, 4)}`)
  const list = lead.getByRole('listbox', { name: 'People to mention' })
  await expect(list.getByRole('option', { name: new RegExp(team.coauthor.name) })).toBeVisible()
  await expect(lead.getByText(/^1 person matches\./)).toBeAttached()
  // The active option is the one the box points at; the arrows move it (one match: it stays), Enter mentions it.
  await box.press('ArrowDown')
  const active = list.getByRole('option', { selected: true })
  await expect(active).toContainText(team.coauthor.name)
  await expect(box).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id'))!)
  expect(await axeViolations(lead, { minImpact: 'serious' }), 'with the list open').toEqual(without)
  await box.press('Enter')
  await expect(list).toBeHidden()
  const said = unique('check the survey')
  await box.pressSequentially(said)
  await expect(box).toHaveValue(`Could @${team.coauthor.name} ${said}`)
  await thread.getByRole('button', { name: 'Post comment' }).click()
  const comment = thread.getByRole('article', { name: /Comment by/ }).filter({ hasText: said })
  await expect(comment.locator('.mention')).toHaveText(`@${team.coauthor.name}`)
  await expect(comment).not.toContainText('user:')

  await expect.poll(async () => (await factories.notificationsOf(team.coauthor.id, 'mention')).length).toBe(1)
  const [told] = await factories.notificationsOf(team.coauthor.id, 'mention')
  expect(told).toMatchObject({
    actor_id: team.lead.id,
    plan_id: team.planId,
    path: `/plans/${team.planId}/steps/2.2#discussion`,
  })
  expect(told!.params).toMatchObject({ actorName: team.lead.name })
})

test('"@" in the team notes inserts a mention that survives a reload and tells the person', async ({
  newUser,
  factories,
}) => {
  test.slow() // the notes connect, and the server compacts before it tells anyone
  const team = await factories.planWithTeam({ contributor: 'employers' })
  const lead = await newUser(team.lead.email)
  await lead.goto(`/plans/${team.planId}/steps/1.1`)
  const notes = lead.getByLabel('Team notes for sub-step 1.1', { exact: true })
  const block = lead.locator('.collab').filter({ has: notes })
  await expect(block.getByRole('status')).toHaveText('Connected')
  await notes.click()
  await lead.keyboard.press('Control+End')
  await lead.keyboard.press('Enter')
  await lead.keyboard.type('Ask @Contrib')
  const list = lead.getByRole('listbox', { name: 'People to mention' })
  await expect(list.getByRole('option', { name: new RegExp(team.contributor.name) })).toBeVisible()
  await expect(notes).toHaveAttribute('aria-activedescendant', /typeahead-item-/)
  expect(await axeViolations(lead, { minImpact: 'serious' }), 'with the list open').toEqual([])
  await lead.keyboard.press('Enter')
  await lead.keyboard.type(' about it')
  const mention = notes.locator('.collab__mention')
  await expect(mention).toHaveText(`@${team.contributor.name}`)
  await expect(block.getByText('Saved', { exact: true })).toBeVisible()

  await lead.reload()
  await expect(block.getByRole('status')).toHaveText('Connected')
  await expect(notes.locator('.collab__mention')).toHaveText(`@${team.contributor.name}`)
  await expect(notes.locator('.collab__mention')).toHaveAttribute('data-mention', team.contributor.id)

  await expect
    .poll(async () => (await factories.notificationsOf(team.contributor.id, 'mention')).length, { timeout: 30_000 })
    .toBe(1)
  const [told] = await factories.notificationsOf(team.contributor.id, 'mention')
  expect(told).toMatchObject({ actor_id: team.lead.id, path: `/plans/${team.planId}/steps/1.1#team-notes` })
})
