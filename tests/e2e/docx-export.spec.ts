import { readFile } from 'node:fs/promises'
import { readDocx, wordText } from '../docx-utils.ts'
import { expect, login, PALM_OIL_TITLE, test } from '../playwright-utils.ts'

test('the viewer downloads the palm oil plan as a Word file from the overview', async ({ page }) => {
  await login(page, 'viewer@demo.example')
  await page.getByRole('link', { name: PALM_OIL_TITLE }).click()
  const area = page.getByRole('region', { name: 'Print, PDF and Word' })
  const downloading = page.waitForEvent('download')
  await area.getByRole('link', { name: 'Word (DOCX)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^Regional Tripartite Strategic Compliance Plan .*\.docx$/)

  const parts = await readDocx(await readFile((await download.path())!))
  expect(wordText(parts.document)).toMatch(/Disguised casual employment/)
  expect(parts.document).toContain('<w:pStyle w:val="Heading1"/>')
  expect(parts.core).toContain('<dc:language>en-GB</dc:language>')
})
