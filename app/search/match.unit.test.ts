import { describe, expect, it } from 'vitest'
import { matchText, queryTerms } from './match.ts'

const marked = (text: string, query: string) => {
  const s = matchText(text, queryTerms(query))
  return (
    s &&
    `${s.cutBefore ? '…' : ''}${s.parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('')}${s.cutAfter ? '…' : ''}`
  )
}

describe('matchText', () => {
  it('ignores case and accents in both the query and the text, and marks the original letters', () => {
    expect(marked("L'Équipe d’inspection régionale", 'equipe REGIONALE')).toBe("L'[Équipe] d’inspection [régionale]")
    expect(marked('Inspección de trabajo', 'inspeccion')).toBe('[Inspección] de trabajo')
  })

  it('needs every word of the query, in any order', () => {
    expect(marked('casual workers on oil palm estates', 'estates casual')).toBe(
      '[casual] workers on oil palm [estates]',
    )
    expect(marked('casual workers on oil palm estates', 'casual fishing')).toBeNull()
    expect(matchText('anything', queryTerms('  ,; '))).toBeNull()
  })

  it('cuts long texts to whole words around the first match', () => {
    const text = `${'alpha '.repeat(40)}the subcontracting chain ${'omega '.repeat(40)}`.trim()
    const snippet = marked(text, 'subcontracting')!
    expect(snippet.startsWith('…alpha')).toBe(true)
    expect(snippet.endsWith('omega…')).toBe(true)
    expect(snippet).toContain('the [subcontracting] chain')
    expect(snippet.length).toBeLessThan(170)
  })

  it('keeps characters that decompose into several (ß, ligatures) aligned with the original text', () => {
    expect(marked('Straße ﬁnance team', 'team')).toBe('Straße ﬁnance [team]')
  })
})
