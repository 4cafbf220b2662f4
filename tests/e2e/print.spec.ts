import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { expect, login, PALM_OIL_TITLE, planIdByTitle, test } from '../playwright-utils.ts'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

test('the printable plan opens from the overview, reads as an outline with the plan map, and prints without navigation', async ({
  page,
}) => {
  // A long page: axe over the whole plan takes a while on a busy two-core machine.
  test.slow()
  await login(page, 'viewer@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  await page.goto(`/plans/${planId}`)
  const area = page.getByRole('region', { name: 'Print, PDF and Word' })
  await expect(area.getByRole('link', { name: 'Word (DOCX)' })).toHaveAttribute('href', `/plans/${planId}/export.docx`)
  await area.getByRole('link', { name: 'Printable plan' }).click()

  await expect(page).toHaveURL(`/plans/${planId}/print`)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PALM_OIL_TITLE)
  await expect(page.getByRole('heading', { level: 2, name: /^Step 1 · / })).toBeVisible()
  await expect(page.getByRole('heading', { level: 3, name: '6.1 Map the strategic compliance plan' })).toBeVisible()
  const map = page.getByRole('img', { name: /^Plan map: the target map/ })
  await expect(map).toBeVisible()
  expect(await map.evaluate((el) => el.tagName.toLowerCase())).toBe('svg')
  await expect(
    page
      .getByRole('table', { name: 'Stakeholders' })
      .getByRole('rowheader', { name: 'Group HQ HR directors (9 groups) (S3)' }),
  ).toBeVisible()

  const toolbar = page.getByRole('navigation', { name: 'Printable plan' })
  await expect(toolbar).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(toolbar).toBeHidden()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(map).toBeVisible()
  expect(
    await page
      .getByRole('heading', { level: 2, name: /^Step 2 · / })
      .evaluate((el) => getComputedStyle(el.closest('section')!).breakBefore),
  ).toBe('page')
  // On A4 between 15 mm margins (180 mm = 680 CSS px), no table or figure reaches past the text
  // width; what goes on a turned page (.print-landscape: 273 mm = 1032 px) past that page's.
  const overflowing = async (width: number, turned: boolean) => {
    await page.setViewportSize({ width, height: 1000 })
    return page.evaluate(
      ({ turned }) =>
        [...document.querySelectorAll('.print-document table, .print-document svg')]
          .filter((el) => Boolean(el.closest('.print-landscape')) === turned)
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => el.querySelector('caption, th')?.textContent ?? el.getAttribute('aria-label') ?? el.tagName),
      { turned },
    )
  }
  expect(await page.locator('.print-landscape').count()).toBeGreaterThanOrEqual(2)
  expect(await overflowing(1032, true)).toEqual([])
  expect(await overflowing(680, false)).toEqual([])

  // Axe then checks the screen layout at this narrow width too (a phone in landscape).
  await page.emulateMedia({ media: 'screen' })
  // Evaluated through the DevTools protocol: a <script> tag without the page's nonce is blocked by the CSP.
  await page.evaluate(axeSource)
  const serious = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string | null }[] }> }
      }
    ).axe
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
    })
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
  })
  expect(serious).toEqual([])
})

test('someone outside the plan gets a 404 for its printable plan', async ({ page, newUser }) => {
  await login(page, 'viewer@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  const outsider = await newUser('fisheries@demo.example')
  const response = await outsider.goto(`/plans/${planId}/print`)
  expect(response?.status()).toBe(404)
  await expect(outsider.getByRole('heading', { level: 1 })).toHaveText(
    'This plan does not exist, or you cannot read it.',
  )
})

test('the built server answers the PDF export with a PDF file', async ({ page }) => {
  test.slow()
  await login(page, 'viewer@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  const response = await page.request.get(`/plans/${planId}/export.pdf`)
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('application/pdf')
  expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
})
