import { type Locator, type Page } from '@playwright/test'
import { SUBSTEP_CODES } from '#core/substeps.ts'
import {
  createPlan,
  expect as baseExpect,
  login,
  PALM_OIL_TITLE,
  planIdByTitle,
  substepHydrated,
  test,
  unique,
} from '../playwright-utils.ts'

// The Social Security Agency account plans here, so the demo accounts' plan lists stay as seeded;
// the union's Budi Hartono joins as co-author and scores from his own browser.
// Many saves in a row on a shared two-core machine: give each assertion more time than the default.
const expect = baseExpect.configure({ timeout: 30_000 })

const PLANNER = 'ssa@demo.example'
const UNION = 'union@demo.example'

type Value = string | string[] | boolean
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Fills one generated field: selects by option value or by the start of the option text, checkbox groups by the start of each label. */
async function setField(form: Locator, label: string, value: Value) {
  if (Array.isArray(value)) {
    const group = form.getByRole('group', { name: label })
    // A linked record reads "words (code)" (ADR 057); a choice by its words.
    for (const v of value)
      await group.getByRole('checkbox', { name: new RegExp(`^${escape(v)}|\\(${escape(v)}\\)$`) }).check()
    return
  }
  if (typeof value === 'boolean') {
    if (value) await form.getByRole('checkbox', { name: label, exact: true }).check()
    return
  }
  const field = form.getByLabel(new RegExp(`^${escape(label)}( \\*)?$`))
  if ((await field.evaluate((el) => el.tagName)) !== 'SELECT') return field.fill(value)
  if ((await field.locator(`option[value="${value}"]`).count()) > 0) return void (await field.selectOption(value))
  const option = await field
    .locator('option', { hasText: new RegExp(`^${escape(value)}|\\(${escape(value)}\\)$`) })
    .first()
    .getAttribute('value')
  await field.selectOption(option!)
}

/** Adds an item through a worksheet's generated "Add …" form and waits for its row (or `shown`). */
async function addItem(page: Page, add: string, fields: Record<string, Value>, shown: string | Locator) {
  const form = page.getByRole('form', { name: add })
  if (!(await form.isVisible()))
    await page
      .locator('summary')
      .filter({ hasText: new RegExp(`^${escape(add)}$`) })
      .click()
  for (const [label, value] of Object.entries(fields)) await setField(form, label, value)
  await form.getByRole('button', { name: add }).click()
  // Lists show new items as table rows; the cause tree and the decision card show them as text.
  await expect(
    typeof shown === 'string' ? page.locator(':is(td, th, li, dd):visible', { hasText: shown }).first() : shown,
  ).toBeVisible()
  // The add form empties itself after a save; wait for that before typing the next item into it.
  const [label, value] = Object.entries(fields)[0]!
  if (typeof value === 'string' && (await form.isVisible()))
    await expect(form.getByLabel(new RegExp(`^${escape(label)}( \\*)?$`))).toHaveValue('')
}

/** Opens a sub-step and waits until React has hydrated it (a click before that posts the page natively). */
async function open(page: Page, planId: string, code: string) {
  await page.goto(`/plans/${planId}/steps/${code}`)
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${escape(code)} `) })).toBeVisible()
  await substepHydrated(page)
}

/** Reloads the sub-step page and expects its status to be done. */
async function expectDone(page: Page) {
  await page.reload()
  await expect(page.locator('.substep .pill').first()).toHaveText('Complete')
  await substepHydrated(page)
}

/** The union co-author's own scores on the 2.2 pair and the 5.2 intervention, from his own browser. */
async function unionScores(union: Page, planId: string) {
  await open(union, planId, '2.2')
  const save = union.getByRole('button', { name: 'Save your scores for P1' })
  const row = union.locator('tr', { has: save })
  for (const select of await row.getByRole('combobox').all()) await select.selectOption('5')
  await save.click()
  await expect(row.getByRole('status')).toHaveText('Saved')
}

// One test per role, so that each stays within its time and two run at once.
for (const [role, email] of [
  ['lead', 'planner@demo.example'],
  ['co-author', UNION],
  ['contributor', 'employer@demo.example'],
  ['viewer', 'viewer@demo.example'],
] as const) {
  test(`every sub-step of the demo plan opens without a console error for the ${role}`, async ({ newUser }) => {
    // About 15 s on a quiet machine; 2 minutes bounds what a hang can cost the run.
    test.setTimeout(120_000)
    const who = await newUser(email)
    // Any console error, not only hydration ones: a page that hydrates but logs an error is broken too.
    const errors: string[] = []
    who.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${email} on ${who.url()}: ${m.text().split('\n')[0]}`)
    })
    const planId = await planIdByTitle(who, PALM_OIL_TITLE)
    for (const code of SUBSTEP_CODES) await open(who, planId, code)
    expect(errors).toEqual([])
  })
}

test("the implementation chart names the quarters in the reader's language", async ({ newUser }) => {
  for (const [locale, first] of [
    ['en-GB', 'Q1'],
    ['fr-FR', 'T1'],
    ['es-ES', 'T1'],
  ] as const) {
    const viewer = await newUser('viewer@demo.example', { locale })
    const planId = await planIdByTitle(viewer, PALM_OIL_TITLE)
    await open(viewer, planId, '6.2')
    await expect(viewer.locator('.timeline__quarter').first()).toHaveText(first)
  }
})

test('the add form keeps what was typed while the save was under way', async ({ page }) => {
  await login(page, PLANNER)
  const planId = await createPlan(page, { title: unique('Typing during a save') })
  await open(page, planId, '1.1')
  // Hold the save until the person has typed the next item, as on a slow connection.
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/steps\/1\.1\.data/, async (route) => {
    if (route.request().method() === 'POST') await held
    await route.continue()
  })
  await page
    .locator('summary')
    .filter({ hasText: /^Add a mandate item$/ })
    .click()
  const form = page.getByRole('form', { name: 'Add a mandate item' })
  await form.getByLabel(/^Instrument/).fill('Labour Inspection Act s.12')
  await form.getByLabel(/^Power or limit/).selectOption('entry_inspection')
  await form.getByLabel(/^Notes/).fill('Covers estates')
  await form.getByRole('button', { name: 'Add a mandate item' }).click()
  await expect(form.getByRole('status')).toHaveText('Saving…')
  await form.getByLabel(/^Instrument/).fill('Labour Inspection Act s.14')
  release()
  await expect(page.getByRole('row', { name: /Labour Inspection Act s\.12/ })).toBeVisible()
  await expect(form.getByRole('status')).toHaveCount(0)
  // What was typed meanwhile stays; the fields still holding the saved item are emptied.
  await expect(form.getByLabel(/^Instrument/)).toHaveValue('Labour Inspection Act s.14')
  await expect(form.getByLabel(/^Notes/)).toHaveValue('')
  await expect(form.getByLabel(/^Power or limit/)).toHaveValue('')

  // The plan's history shows the edit with the old and the new value.
  await page.getByRole('button', { name: 'Edit M1' }).click()
  const edit = page.getByRole('form', { name: 'Edit M1' })
  await edit.getByLabel(/^Instrument/).fill('Labour Inspection Act s.12(1)')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('row', { name: /Labour Inspection Act s\.12\(1\)/ })).toBeVisible()
  await page.goto(`/plans/${planId}`)
  await expect(
    page.getByText('Instrument changed from “Labour Inspection Act s.12” to “Labour Inspection Act s.12(1)”'),
  ).toBeVisible()
})

test('a planner walks a new plan from 1.1 to 6.2 while a union co-author scores, and every sub-step ends done', async ({
  page,
  newUser,
}) => {
  // About 70 s on a quiet machine; 2 minutes bounds what a hang can cost the run.
  test.setTimeout(120_000)
  await login(page, PLANNER)
  const planId = await createPlan(page, {
    title: unique('Worksheet journey'),
    startDate: '2026-01-01',
    endDate: '2027-12-31',
  })
  await page.goto(`/plans/${planId}/members`)
  const team = page.getByRole('region', { name: 'Add a member' })
  const optionText = async (name: RegExp) => ((await team.getByRole('option', { name }).textContent()) ?? '').trim()
  await team.getByLabel('Person').selectOption({ label: await optionText(/^Budi Hartono ·/) })
  await team.getByLabel('Plan role').selectOption({ label: await optionText(/^Co-author —/) })
  await team.getByRole('button', { name: 'Add to plan' }).click()
  await expect(page.getByRole('row', { name: /Budi Hartono/ })).toBeVisible()

  // Step 1: mandate, resources, data.
  await open(page, planId, '1.1')
  await addItem(
    page,
    'Add a mandate item',
    { Instrument: 'Labour Inspection Act s.12', 'Power or limit': 'entry_inspection' },
    'Labour Inspection Act s.12',
  )
  await addItem(
    page,
    'Add a mandate item',
    { Instrument: 'No mandate over smallholders', 'Power or limit': 'limit' },
    'No mandate over smallholders',
  )
  await expectDone(page)
  await open(page, planId, '1.2')
  await addItem(
    page,
    'Add a resource',
    { Type: 'inspectors', Description: 'Labour inspectors', Quantity: '18' },
    'Labour inspectors',
  )
  await addItem(
    page,
    'Add the size of the universe',
    { 'Establishments liable to inspection': '100', 'Workers in those establishments': '33000' },
    '33,000',
  )
  await expectDone(page)
  await open(page, planId, '1.3')
  await addItem(
    page,
    'Add a data source',
    { Source: 'Inspection records', Type: 'inspection_records', Quality: 'medium' },
    'Inspection records',
  )
  await expectDone(page)

  // Step 2: issue and target, a pair scored by both, the decision, the target map.
  await open(page, planId, '2.1')
  await addItem(page, 'Add an issue', { Issue: 'Disguised casual employment' }, 'Disguised casual employment')
  await addItem(page, 'Add a target', { Target: 'Large estates', Type: 'enterprise_tier' }, 'Large estates')
  await expectDone(page)
  await open(page, planId, '2.2')
  await addItem(page, 'Add a pair', { Issue: 'I1', Target: 'T1' }, 'Disguised casual employment × Large estates (P1)')
  const union = await newUser(UNION)
  await unionScores(union, planId)
  await open(page, planId, '2.2')
  await addItem(
    page,
    'Record the decision',
    { 'Priority pair(s)': ['P1'], Rationale: 'Highest score and a clear legal basis' },
    page.locator('.decision-card__body', { hasText: 'Highest score' }),
  )
  await expectDone(page)
  await open(page, planId, '2.3')
  await addItem(page, 'Add a node', { Label: 'Group HQs', Type: 'lead_firm', Pivot: true }, 'Group HQs')
  await addItem(page, 'Add a node', { Label: 'Estates', Type: 'producer' }, 'Estates')
  await addItem(page, 'Add a relation', { From: 'N1', To: 'N2', Relation: 'owns' }, 'owns')
  await expectDone(page)

  // Step 3: causes and influences.
  await open(page, planId, '3.1')
  await addItem(
    page,
    'Add a cause',
    { Cause: 'Lower labour cost', Level: 'root', Category: 'economic' },
    'Lower labour cost',
  )
  await addItem(page, 'Add an effect', { Effect: 'No social security' }, 'No social security')
  await expectDone(page)
  await open(page, planId, '3.2')
  await addItem(
    page,
    'Add an influence',
    {
      Influence: 'Buyer requirements',
      'Driver or constraint': 'driver',
      'Direct or indirect': 'indirect',
      'Strength (1–3)': '2',
      'Acts on (target-map nodes)': ['N1'],
    },
    'Buyer requirements',
  )
  await addItem(
    page,
    'Add an influence',
    {
      Influence: 'Piece-rate pay',
      'Driver or constraint': 'constraint',
      'Direct or indirect': 'direct',
      'Strength (1–3)': '3',
      'Acts on (target-map nodes)': ['N2'],
    },
    'Piece-rate pay',
  )
  await expectDone(page)

  // Step 4: tripartite stakeholders, scored and placed, linked to an influence.
  await open(page, planId, '4.1')
  for (const [name, category] of [
    ['Inspectorate', 'government'],
    ['Plantation union', 'worker_org'],
    ['Growers association', 'employer_org'],
  ] as const) {
    await addItem(
      page,
      'Add a stakeholder',
      { Stakeholder: name, Category: category, 'Agreed influence (1–5)': '4', 'Agreed alignment (−2 to +2)': '1' },
      name,
    )
  }
  await expectDone(page)
  await open(page, planId, '4.2')
  for (const ref of ['S1', 'S2', 'S3']) {
    await page.getByLabel(`Influence for ${ref}`).selectOption('4')
    await page.getByLabel(`Alignment for ${ref}`).selectOption('1')
    const save = page.getByRole('button', { name: `Save your scores for ${ref}` })
    await save.click()
    // The row says "Saved" only once the server has stored the scores.
    await expect(page.locator('tr', { has: save }).getByRole('status')).toHaveText('Saved')
  }
  await expectDone(page)
  await open(page, planId, '4.3')
  await addItem(
    page,
    'Add a stakeholder link',
    {
      Stakeholder: 'S2',
      'Target-map node': 'N2',
      'Influences it can move': ['F2'],
      Mechanism: 'Shop stewards as monitors',
    },
    '(S2)',
  )
  await expectDone(page)

  // Step 5: interventions scored by both, selected, linked, escalation ladder.
  await open(page, planId, '5.1')
  await addItem(
    page,
    'Add an intervention',
    { Intervention: 'Targeted inspections', Type: 'targeted_inspection' },
    'Targeted inspections',
  )
  await addItem(
    page,
    'Add an intervention',
    { Intervention: 'Regularisation list', Type: 'incentives' },
    'Regularisation list',
  )
  await expectDone(page)
  const score = async (who: Page, values: Record<string, string>) => {
    await open(who, planId, '5.2')
    const row = who.getByRole('form', { name: 'Your scores for V1' })
    for (const [criterion, value] of Object.entries(values))
      await who.getByLabel(`${criterion} for V1`).selectOption(value)
    await row.getByRole('button', { name: 'Save' }).click()
    await expect(row.getByRole('status')).toHaveText('Saved')
  }
  const all = (v: string, cost: string) => ({
    Effect: v,
    Reach: v,
    Cost: cost,
    Feasibility: v,
    'Buy-in': v,
    Speed: v,
    Measurable: v,
  })
  await score(union, all('5', '1'))
  await score(page, all('4', '2'))
  await page.reload()
  await substepHydrated(page)
  await page.getByRole('button', { name: 'Record decision for V1' }).click()
  const decision = page.getByRole('form', { name: 'Record the decision on V1' })
  await decision.getByLabel('Selected', { exact: true }).check()
  await decision.getByLabel('Rationale').fill('Acts directly on the priority')
  await decision.getByRole('button', { name: 'Save' }).click()
  await expect(page.locator('.selection', { hasText: 'Acts directly on the priority' })).toBeVisible()
  await expectDone(page)
  // The ranking is computed from both participants (cost reversed): (4 + 5) / 2.
  const v1 = page.locator('.vrank-table').first().locator('tbody tr', { hasText: 'V1' })
  await expect(v1).toContainText('4.50')
  await expect(v1).toContainText('✓ Selected')

  await open(page, planId, '5.3')
  await addItem(
    page,
    'Link an intervention',
    { Intervention: 'V1', 'Influences acted on': ['F2'], 'Target-map nodes': ['N2'] },
    '(V1)',
  )
  await addItem(
    page,
    'Add a rung',
    { Trigger: 'Estate on the target list', Response: 'Guidance note' },
    'Guidance note',
  )
  await addItem(page, 'Add a rung', { Trigger: 'Violation found', Response: 'Compliance order' }, 'Compliance order')
  await expect(page.locator('.ladder__rung')).toHaveCount(2)
  await expectDone(page)

  // Step 6: the plan map shows the selected intervention on its node; the chart and an indicator.
  await open(page, planId, '6.1')
  await expect(page.locator('.plan-map__list')).toContainText('Targeted inspections (V1)')
  await page.getByRole('checkbox', { name: 'Selected interventions' }).uncheck()
  await expect(page.locator('.plan-map__list')).not.toContainText('Targeted inspections (V1)')
  await expect(page.locator('.substep .pill').first()).toHaveText('Complete')
  await open(page, planId, '6.2')
  await addItem(
    page,
    'Add an activity',
    { Intervention: 'V1', Activity: 'Inspect the estates', Start: '2026-11-01', End: '2027-02-28', Status: 'planned' },
    'Inspect the estates',
  )
  await expect(page.locator('.timeline__bar', { hasText: 'Planned' })).toBeVisible()
  await addItem(
    page,
    'Add an indicator',
    {
      Indicator: 'Estates compliant at follow-up',
      Type: 'compliance',
      Unit: 'percent',
      Baseline: '22',
      'Baseline date': '2025-12-31',
      Target: '55',
      'Target date': '2027-12-31',
      'Data source': 'D1',
    },
    'Estates compliant',
  )
  await expectDone(page)

  // The overview: all 16 sub-steps complete (none agreed yet); the union sees the same ranking.
  await page.goto(`/plans/${planId}`)
  await expect(page.getByText('16 of 16 sub-steps complete')).toBeVisible()
  await expect(page.getByText('0 of 16 agreed by every constituency on the team')).toBeVisible()
  const ranking = page.getByRole('table', { name: "Issue × target pairs ranked by the team's weighted scores" })
  await expect(ranking.getByRole('row', { name: /P1/ })).toContainText('5.00')
  await expect(ranking.getByRole('row', { name: /P1/ })).toContainText('Selected')
  await open(union, planId, '5.2')
  await expect(union.locator('.vrank-table').first().locator('tbody tr', { hasText: 'V1' })).toContainText('4.50')
})
