import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'

// Spreadsheet files for upload tests, built the way an attacker or a broken program would.

/** A workbook with the given rows, as XLSX bytes. */
export async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('m')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * A valid XLSX whose first sheet holds `rows` identical measurement rows: small compressed (the
 * rows deflate to almost nothing), huge unpacked. The sheet XML is streamed into the zip, so the
 * test never holds it in memory.
 */
export async function zipBombXlsx(rows: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await xlsxOf([['indicator', 'period', 'value']]))
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string')
  const [head, tail] = sheet.split(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/)
  const row =
    '<row><c t="inlineStr"><is><t>K1</t></is></c><c t="inlineStr"><is><t>2026-Q2</t></is></c><c><v>41</v></c></row>'
  const chunk = row.repeat(10_000)
  async function* xml() {
    yield `${head}<sheetData><row><c t="inlineStr"><is><t>indicator</t></is></c><c t="inlineStr"><is><t>period</t></is></c><c t="inlineStr"><is><t>value</t></is></c></row>`
    for (let n = 0; n < rows; n += 10_000) yield chunk
    yield `</sheetData>${tail}`
  }
  zip.file('xl/worksheets/sheet1.xml', Readable.from(xml()))
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}
