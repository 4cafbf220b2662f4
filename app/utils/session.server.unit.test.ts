import { redirect } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { safeRedirect } from './session.server.ts'

describe('safeRedirect', () => {
  it.each([
    '/plans',
    '/plans/0f8c2d3e-0000-4000-8000-000000000000/members?tab=team#add',
    '/account',
    '/a%2F%2Fb',
    '/plans?next=//x',
  ])('keeps the same-site path %j', (to) => {
    expect(safeRedirect(to)).toBe(to)
  })

  it.each([
    ['a protocol-relative URL', '//evil.com'],
    ['an absolute URL', 'https://evil.com'],
    ['a backslash host', '/\\evil.com'],
    ['a backslash later on', '/plans\\..\\\\evil.com'],
    ['a tab browsers drop', '/\t/evil.com'],
    ['a newline browsers drop', '/\n/evil.com'],
    ['a carriage return', '/\r\n/evil.com'],
    ['a null byte', '/plans\u0000'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'evil.com'],
    ['an empty string', ''],
    ['no value', null],
  ])('falls back to /plans for %s', (_label, to) => {
    expect(safeRedirect(to)).toBe('/plans')
  })

  it('always yields a Location that stays on the portal', () => {
    const tricky = [
      '/\t/evil.com',
      '/\\/evil.com',
      '//evil.com',
      '/%2F/evil.com',
      '/.//evil.com',
      '/../../evil.com',
      '/ /evil.com',
    ]
    for (const to of tricky) {
      const location = redirect(safeRedirect(to)).headers.get('Location')!
      expect(new URL(location, 'https://portal.example.org').origin).toBe('https://portal.example.org')
    }
  })

  it('uses the given fallback', () => {
    expect(safeRedirect('//evil.com', '/login')).toBe('/login')
  })
})
