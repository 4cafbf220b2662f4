import { describe, expect, it } from 'vitest'
import { isCrossOriginRequest } from './origin.server.ts'

describe('isCrossOriginRequest', () => {
  const host = 'portal.example.org'
  it('lets safe methods through whatever their origin', () => {
    expect(isCrossOriginRequest('GET', { origin: 'https://evil.example', host })).toBe(false)
  })
  it('accepts a same-origin form post', () => {
    expect(isCrossOriginRequest('POST', { origin: 'https://portal.example.org', host })).toBe(false)
    expect(isCrossOriginRequest('POST', { secFetchSite: 'same-origin', host })).toBe(false)
  })
  it('refuses a post from another site', () => {
    expect(isCrossOriginRequest('POST', { origin: 'https://evil.example', host })).toBe(true)
    expect(isCrossOriginRequest('POST', { secFetchSite: 'cross-site', host })).toBe(true)
    expect(isCrossOriginRequest('DELETE', { referer: 'https://evil.example/page', host })).toBe(true)
    expect(isCrossOriginRequest('POST', { origin: 'null', host })).toBe(true)
  })
  it('refuses a sibling subdomain', () => {
    expect(isCrossOriginRequest('POST', { origin: 'https://other.example.org', secFetchSite: 'same-site', host })).toBe(true)
  })
  it('accepts requests without browser headers (command-line clients cannot carry a victim cookie)', () => {
    expect(isCrossOriginRequest('POST', { host })).toBe(false)
  })
  it('accepts configured extra origins', () => {
    expect(isCrossOriginRequest('POST', { origin: 'https://proxy.example', host }, ['https://proxy.example'])).toBe(false)
  })
})
