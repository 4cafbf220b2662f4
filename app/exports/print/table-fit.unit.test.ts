import { describe, expect, it } from 'vitest'
import { tableFit } from './PrintDocument.tsx'

const table = (columns: string[], rows: string[][] = []) => ({ type: 'table' as const, columns, rows })

describe('tableFit', () => {
  it('leaves a table of a few short columns in the normal type on an upright page', () => {
    expect(tableFit(table(['Indicator', 'Unit'], [['Inspections per year', 'Count']]))).toEqual({
      small: false,
      landscape: false,
    })
  })

  it('turns the page for columns whose longest words cannot stand side by side upright', () => {
    const words = ['Disaggregation', 'Responsibility', 'Establishment', 'Documentation', 'Certification']
    const columns = [...words, ...words, ...words]
    expect(tableFit(table(columns)).landscape).toBe(true)
  })

  it('takes smaller type before turning the page when that is enough', () => {
    // 8 columns of 11-character words: 8 × (11 × 0.65 + 1.3) = 67.6 ems, over 60 and within 68.
    const fit = tableFit(table(Array.from({ length: 8 }, (_, i) => `Measurement${i}`.slice(0, 11))))
    expect(fit).toEqual({ small: true, landscape: false })
  })
})
