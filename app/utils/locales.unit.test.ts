import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatNumber } from './locales.ts'

describe('formatting for the portal languages', () => {
  it('writes English dates the British way, like the portal texts and the en-GB Word documents', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('1 Mar 2026')
    expect(formatDate('2026-03-01', 'en', 'long')).toBe('1 March 2026')
    expect(formatDateTime('2026-03-01T14:05:00Z', 'en')).toBe('1 Mar 2026, 14:05 UTC')
  })

  it('keeps French and Spanish conventions, and never shifts a calendar date across time zones', () => {
    expect(formatDate('2026-03-01', 'fr', 'long')).toBe('1 mars 2026')
    expect(formatDate('2026-12-31', 'es', 'long')).toBe('31 de diciembre de 2026')
    expect(formatNumber(12345.5, 'fr')).toBe('12\u202f345,5')
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5')
  })
})
