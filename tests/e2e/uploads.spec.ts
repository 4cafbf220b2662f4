import { xlsxOf, zipBombXlsx } from '../spreadsheets.ts'
import { createPlan, expect as baseExpect, login, test, unique } from '../playwright-utils.ts'

// The measurement import over real HTTP against the production build: a zip bomb is refused with
// the translated message while /healthz goes on answering, and a real file is read afterwards.
// Reading the bomb starts a worker on a shared two-core machine: allow assertions more time.
const expect = baseExpect.configure({ timeout: 90_000 })

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

test('a zip bomb upload is refused with a 400 while the portal keeps answering', async ({ page }) => {
  test.setTimeout(120_000)
  await login(page, 'ssa@demo.example')
  const planId = await createPlan(page, { title: unique('Upload limits') })
  const indicator = await page.request.post(`/plans/${planId}/monitoring`, {
    form: { intent: 'item:create', kind: 'indicator', name: 'Workers reached', indicatorType: 'output', unit: 'count' },
  })
  expect(indicator.status()).toBe(200)
  const bomb = await zipBombXlsx(400_000)

  // Through the page's own form, as a person would.
  await page.goto(`/plans/${planId}/monitoring`)
  await page.getByLabel('File').setInputFiles({ name: 'bomb.xlsx', mimeType: XLSX, buffer: bomb })
  await page.getByRole('button', { name: 'Check the file' }).click()
  let refused = false
  const message = expect(page.getByText('The file unpacks to more than 16 MB of data'))
    .toBeVisible()
    .finally(() => (refused = true))
  // Health checks one after another for as long as the upload is being handled.
  const answeredMeanwhile: number[] = []
  while (!refused) {
    const health = await page.request.get('/healthz')
    if (!refused) answeredMeanwhile.push(health.status())
  }
  await message
  expect(answeredMeanwhile.length).toBeGreaterThan(0)
  expect(answeredMeanwhile.every((status) => status === 200)).toBe(true)

  // The same upload posted directly gets a 400, and a real workbook is still read afterwards.
  const direct = await page.request.post(`/plans/${planId}/monitoring`, {
    multipart: { intent: 'import:preview', file: { name: 'bomb.xlsx', mimeType: XLSX, buffer: bomb } },
  })
  expect(direct.status()).toBe(400)
  await page.getByLabel('File').setInputFiles({
    name: 'values.xlsx',
    mimeType: XLSX,
    buffer: await xlsxOf([
      ['indicator', 'period', 'value'],
      ['K1', '2026-Q2', 41],
    ]),
  })
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByText('All 1 rows are valid.')).toBeVisible()
})
