import { describe, expect, it } from 'vitest'
import { isCrossOriginRequest, normaliseOrigin } from './origin.server.ts'

describe('isCrossOriginRequest', () => {
  const self = 'https://portal.example.org'
  it('lets safe methods through whatever their origin', () => {
    expect(isCrossOriginRequest('GET', { origin: 'https://evil.example' }, self)).toBe(false)
  })
  it('accepts a same-origin form post', () => {
    expect(isCrossOriginRequest('POST', { origin: 'https://portal.example.org' }, self)).toBe(false)
    expect(isCrossOriginRequest('POST', { origin: 'https://PORTAL.example.org:443' }, self)).toBe(false)
    expect(isCrossOriginRequest('POST', { referer: 'https://portal.example.org/plans/1' }, self)).toBe(false)
    expect(isCrossOriginRequest('POST', { secFetchSite: 'same-origin' }, self)).toBe(false)
  })
  it('refuses a post from another site', () => {
    expect(isCrossOriginRequest('POST', { origin: 'https://evil.example' }, self)).toBe(true)
    expect(isCrossOriginRequest('POST', { secFetchSite: 'cross-site' }, self)).toBe(true)
    expect(isCrossOriginRequest('DELETE', { referer: 'https://evil.example/page' }, self)).toBe(true)
    expect(isCrossOriginRequest('POST', { origin: 'null' }, self)).toBe(true)
    expect(isCrossOriginRequest('POST', { referer: 'not a url' }, self)).toBe(true)
  })
  it('refuses the same host under another scheme or port', () => {
    expect(isCrossOriginRequest('POST', { origin: 'http://portal.example.org' }, self)).toBe(true)
    expect(isCrossOriginRequest('POST', { origin: 'https://portal.example.org:8443' }, self)).toBe(true)
    expect(isCrossOriginRequest('POST', { origin: 'http://localhost:3001' }, 'http://localhost:3000')).toBe(true)
    expect(isCrossOriginRequest('POST', { referer: 'http://portal.example.org/x' }, self)).toBe(true)
  })
  it('refuses a sibling subdomain', () => {
    expect(isCrossOriginRequest('POST', { origin: 'https://other.example.org', secFetchSite: 'same-site' }, self)).toBe(
      true,
    )
  })
  it('accepts requests without browser headers (command-line clients cannot carry a victim cookie)', () => {
    expect(isCrossOriginRequest('POST', {}, self)).toBe(false)
  })
  it('accepts configured extra origins, by their full origin', () => {
    expect(isCrossOriginRequest('POST', { origin: 'https://proxy.example' }, self, ['https://proxy.example'])).toBe(
      false,
    )
    expect(isCrossOriginRequest('POST', { origin: 'http://proxy.example' }, self, ['https://proxy.example'])).toBe(true)
  })
})

describe('normaliseOrigin', () => {
  it('keeps scheme, host and a non-default port', () => {
    expect(normaliseOrigin('HTTPS://Portal.Example.org:443/path?q')).toBe('https://portal.example.org')
    expect(normaliseOrigin('http://localhost:3000')).toBe('http://localhost:3000')
    expect(normaliseOrigin('null')).toBeNull()
  })
})
