import { describe, expect, it } from 'vitest'
import { orientationFor } from './Figures.tsx'
import { PRINT_AREA } from './PrintDocument.tsx'

describe('orientationFor', () => {
  it('turns the page for a drawing that comes out larger across it', () => {
    // A map three boxes wide and two deep: 180 mm upright, but 165 mm high across a turned page.
    expect(orientationFor({ width: 1372, height: 892 }, PRINT_AREA)).toBe('landscape')
  })

  it('keeps the page upright for a square grid or a tall tree', () => {
    expect(orientationFor({ width: 680, height: 660 }, PRINT_AREA)).toBe('portrait')
    expect(orientationFor({ width: 900, height: 1400 }, PRINT_AREA)).toBe('portrait')
  })
})
