import { describe, expect, it } from 'vitest'
import { isAllowedUrl, normaliseUrl } from './Toolbar.tsx'

describe('link addresses', () => {
  it('completes a bare host with https:// and a bare e-mail address with mailto:', () => {
    expect(normaliseUrl(' ilo.org/inspection ')).toBe('https://ilo.org/inspection')
    expect(normaliseUrl('labour@example.org')).toBe('mailto:labour@example.org')
    expect(normaliseUrl('http://example.org/a?b=c')).toBe('http://example.org/a?b=c')
  })

  it('refuses scripts, data and other schemes, and empty input', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'ftp://x.org',
      '',
      '   ',
    ]) {
      expect(normaliseUrl(bad), bad).toBeNull()
    }
  })

  it('accepts only absolute web and e-mail addresses for pasted links', () => {
    expect(isAllowedUrl('https://www.ilo.org')).toBe(true)
    expect(isAllowedUrl('mailto:a@b.org')).toBe(true)
    expect(isAllowedUrl('www.ilo.org')).toBe(false)
    expect(isAllowedUrl('javascript:alert(1)')).toBe(false)
  })
})
