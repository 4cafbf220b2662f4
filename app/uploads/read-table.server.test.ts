import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { xlsxOf, zipBombXlsx } from '#tests/spreadsheets.ts'
import { MAX_TABLE_ROWS, MAX_UNPACKED_BYTES, MAX_UPLOAD_BYTES } from './limits.ts'
import { readTable } from './read-table.server.ts'
import { parseTable } from './table-parse.ts'
import { checkZip } from './zip-budget.ts'

// Each upload starts a parsing worker, which takes seconds on a busy two-core machine.
const WORKERS_TIMEOUT = 180_000

const xlsxFile = (bytes: Buffer, name = 'values.xlsx') => new File([bytes], name)

describe('the zip budget', () => {
  it('measures what a workbook really unpacks to', async () => {
    const check = checkZip(
      await xlsxOf([
        ['indicator', 'period', 'value'],
        ['K1', '2026-Q2', 41],
      ]),
    )
    expect(check.ok).toBe(true)
    if (check.ok) expect(check.unpackedBytes).toBeGreaterThan(1000)
  })

  it('stops inflating a zip bomb at the limit, whatever its headers declare', async () => {
    const bomb = await zipBombXlsx(300_000)
    expect(bomb.length).toBeLessThan(MAX_UPLOAD_BYTES)
    expect(checkZip(bomb)).toEqual({ ok: false, error: 'tooLargeUnpacked' })
    // Headers that claim the sheet is tiny change nothing: the bytes are counted as they inflate.
    const lying = Buffer.from(bomb)
    for (let at = lying.indexOf('PK\x01\x02'); at >= 0; at = lying.indexOf('PK\x01\x02', at + 4))
      lying.writeUInt32LE(100, at + 24)
    expect(checkZip(lying)).toEqual({ ok: false, error: 'tooLargeUnpacked' })
  })

  it('refuses bytes that belong to no listed entry, truncated files and garbage', async () => {
    const good = await xlsxOf([['indicator', 'period', 'value']])
    const hidden = await JSZip.loadAsync(good)
    hidden.file('xl/worksheets/sheet9.xml', '<worksheet/>')
    const withHidden = await hidden.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    // Drop the hidden entry from the central directory only: its local header stays in the file.
    const centralStart = withHidden.readUInt32LE(withHidden.length - 22 + 16)
    const directory = withHidden.subarray(centralStart, withHidden.length - 22)
    const name = directory.indexOf('xl/worksheets/sheet9.xml') - 46
    const entryLength =
      46 + directory.readUInt16LE(name + 28) + directory.readUInt16LE(name + 30) + directory.readUInt16LE(name + 32)
    const eocd = Buffer.from(withHidden.subarray(withHidden.length - 22))
    eocd.writeUInt16LE(eocd.readUInt16LE(8) - 1, 8)
    eocd.writeUInt16LE(eocd.readUInt16LE(10) - 1, 10)
    eocd.writeUInt32LE(eocd.readUInt32LE(12) - entryLength, 12)
    const smuggled = Buffer.concat([
      withHidden.subarray(0, centralStart),
      directory.subarray(0, name),
      directory.subarray(name + entryLength),
      eocd,
    ])
    expect(checkZip(smuggled)).toEqual({ ok: false, error: 'unreadable' })
    expect(checkZip(good.subarray(0, good.length - 40))).toEqual({ ok: false, error: 'unreadable' })
    expect(checkZip(Buffer.from('PK\x03\x04 this is not a workbook'))).toEqual({ ok: false, error: 'unreadable' })
  })
})

describe('reading an uploaded table in the parsing worker', () => {
  it(
    'reads a valid workbook and CSV into text cells',
    async () => {
      const xlsx = await readTable(
        xlsxFile(
          await xlsxOf([
            ['indicator', 'period', 'value', 'note'],
            ['K1', new Date('2026-06-30T00:00:00Z'), 41.5, '=not a formula'],
          ]),
        ),
      )
      expect(xlsx).toEqual({
        ok: true,
        table: [
          ['indicator', 'period', 'value', 'note'],
          ['K1', '2026-06-30', '41.5', '=not a formula'],
        ],
      })
      const csv = await readTable(new File(['indicator;period;value\n\nK1;2026-Q2;41,5\n'], 'v.csv'))
      expect(csv).toEqual({
        ok: true,
        table: [
          ['indicator', 'period', 'value'],
          ['K1', '2026-Q2', '41,5'],
        ],
      })
    },
    WORKERS_TIMEOUT,
  )

  it('refuses a zip bomb with the unpacked-size message', async () => {
    expect(await readTable(xlsxFile(await zipBombXlsx(300_000)))).toEqual({
      ok: false,
      error: 'monitoring.import.tooLargeUnpacked',
    })
  })

  it(
    'stops at the first row past the limit, in a workbook and in a CSV',
    async () => {
      const rows = Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, n) => ['K1', `2026-${n}`, n])
      expect(await readTable(xlsxFile(await xlsxOf([['indicator', 'period', 'value'], ...rows])))).toEqual({
        ok: false,
        error: 'monitoring.import.tooManyRows',
      })
      expect(
        await readTable(xlsxFile(await xlsxOf([['indicator', 'period', 'value'], ...rows.slice(1)]))),
      ).toMatchObject({ ok: true })
      const csv = (n: number) =>
        new File([`indicator,period,value\n${'K1,2026,1\n'.repeat(n)}`], 'v.csv', { type: 'text/csv' })
      expect(await readTable(csv(MAX_TABLE_ROWS + 1))).toEqual({ ok: false, error: 'monitoring.import.tooManyRows' })
      expect(await readTable(csv(MAX_TABLE_ROWS))).toMatchObject({ ok: true })
      expect(await readTable(new File([`a${',a'.repeat(40)}\n`], 'wide.csv'))).toEqual({
        ok: false,
        error: 'monitoring.import.tooManyColumns',
      })
    },
    WORKERS_TIMEOUT,
  )

  it(
    'answers truncated and garbage workbooks as unreadable',
    async () => {
      const good = await xlsxOf([
        ['indicator', 'period', 'value'],
        ['K1', '2026-Q2', 41],
      ])
      expect(await readTable(xlsxFile(good.subarray(0, Math.floor(good.length / 2))))).toEqual({
        ok: false,
        error: 'monitoring.import.unreadable',
      })
      expect(await readTable(xlsxFile(Buffer.from('%PDF-1.7 definitely not a spreadsheet')))).toEqual({
        ok: false,
        error: 'monitoring.import.unreadable',
      })
    },
    WORKERS_TIMEOUT,
  )

  it('terminates a worker that outlives its deadline or its heap', async () => {
    const file = xlsxFile(await xlsxOf([['indicator', 'period', 'value']]))
    expect(await readTable(file, MAX_TABLE_ROWS, { heapMb: 128, timeLimitMs: 0 })).toEqual({
      ok: false,
      error: 'monitoring.import.tooSlow',
    })
    expect(await readTable(file, MAX_TABLE_ROWS, { heapMb: 2, timeLimitMs: 60_000 })).toEqual({
      ok: false,
      error: 'monitoring.import.tooLargeUnpacked',
    })
  })

  it(
    'runs at most two parsing workers at once and asks a third upload to retry',
    async () => {
      const file = xlsxFile(
        await xlsxOf([
          ['indicator', 'period', 'value'],
          ['K1', '2026-Q2', 41],
        ]),
      )
      const results = await Promise.all([readTable(file), readTable(file), readTable(file)])
      expect(results.map((r) => (r.ok ? 'read' : r.error))).toEqual(['read', 'read', 'monitoring.import.busy'])
      expect(await readTable(file)).toMatchObject({ ok: true })
    },
    WORKERS_TIMEOUT,
  )

  it('is bounded even when called without the worker', async () => {
    expect(await parseTable(await zipBombXlsx(300_000), 'xlsx')).toEqual({ ok: false, error: 'tooLargeUnpacked' })
    expect(MAX_UNPACKED_BYTES).toBeLessThan(64 * 1024 * 1024)
  })
})
