import { describe, expect, it } from 'vitest'
import { columnWidths } from './docx-columns.ts'

describe('columnWidths', () => {
  it('gives long text columns more room than short codes, summing to the text width', () => {
    const widths = columnWidths(
      ['Ref.', 'Description', 'Quantity'],
      [
        ['R1', 'Labour inspectors based in the capital, far from the estates', '18'],
        ['R2', 'Vehicles and boats shared with the mediation unit', '2'],
      ],
      3,
      9000,
    )
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9000)
    expect(widths[1]).toBeGreaterThan(widths[0]! * 3)
    expect(widths[2]).toBeGreaterThan(widths[0]!)
  })

  it('keeps a floor for every column and copes with empty tables and ragged rows', () => {
    const widths = columnWidths(['A', 'B'], [['x'.repeat(500)], []], 2, 9000)
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9000)
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(2 * 115 + 240)
    expect(columnWidths([], [], 1, 9000)).toEqual([9000])
  })

  it('leaves room for the longest word of each header before sharing the rest', () => {
    const widths = columnWidths(
      ['Ref.', 'Provision', 'Workers', 'What it allows or requires'],
      [['M1', 's.12', '19,000', 'Right of free entry to any workplace including plantations and mills']],
      4,
      9000,
    )
    expect(widths[1]).toBeGreaterThanOrEqual('Provision'.length * 115 + 240)
    expect(widths[2]).toBeGreaterThanOrEqual('Workers'.length * 115 + 240)
    expect(widths[3]).toBeGreaterThan(widths[1]! + widths[2]!)
  })
})

describe('columnWidths when the longest words do not all fit', () => {
  it('narrows only the columns of the longest words, so short words keep their room', () => {
    const long = 'Responsabilidades'
    const columns = ['Ref.', ...Array.from({ length: 7 }, () => long)]
    const widths = columnWidths(columns, [['R1', ...Array.from({ length: 7 }, () => long)]], 8, 9000)
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9000)
    // "Ref." keeps the width of its four letters; the seven long columns share the rest equally.
    expect(widths[0]).toBeGreaterThanOrEqual('Ref.'.length * 115 + 240)
    expect(new Set(widths.slice(1, 7)).size).toBe(1)
  })
})
