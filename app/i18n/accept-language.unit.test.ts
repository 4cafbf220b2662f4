import { describe, expect, it } from 'vitest'
import { fromAcceptLanguage } from './i18next.server.ts'

describe('fromAcceptLanguage', () => {
  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['es-419,es;q=0.9', 'es'],
    ['ja,de;q=0.8,fr;q=0.5', 'fr'],
    ['de;q=0.9,es;q=0.7,en;q=0.8', 'en'],
    ['fr;q=0,es', 'es'],
    ['*', null],
    ['', null],
    ['ja', null],
  ])('%s → %s', (header, expected) => expect(fromAcceptLanguage(header)).toBe(expected))
})
