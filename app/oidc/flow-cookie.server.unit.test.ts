import { describe, expect, it } from 'vitest'
import { openFlow, seal, unseal, type OidcFlow } from './flow-cookie.server.ts'

const SECRET = 'a-session-secret-that-is-long-enough-0123456789'

const flow: OidcFlow = {
  state: 'state-value-1234567890',
  nonce: 'nonce-value-1234567890',
  verifier: 'v'.repeat(43),
  redirectTo: '/plans/abc',
  redirectUri: 'https://portal.example.org/auth/oidc/callback',
  expiresAt: Date.now() + 60_000,
}

describe('the sealed flow cookie', () => {
  it('opens what it sealed, and shows nothing of it', () => {
    const sealed = seal(flow, SECRET)
    expect(unseal(sealed, SECRET)).toEqual(flow)
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('state-value')
    expect(seal(flow, SECRET)).not.toBe(sealed)
  })

  it('refuses a value changed by one bit, cut short, or not sealed here', () => {
    const raw = Buffer.from(seal(flow, SECRET), 'base64url')
    for (const at of [0, 12, raw.length - 1]) {
      const changed = Buffer.from(raw)
      changed[at]! ^= 1
      expect(unseal(changed.toString('base64url'), SECRET)).toBeNull()
    }
    expect(unseal(raw.subarray(0, raw.length - 1).toString('base64url'), SECRET)).toBeNull()
    expect(unseal('', SECRET)).toBeNull()
    expect(unseal(seal(flow, SECRET), `${SECRET}-rotated`)).toBeNull()
    expect(unseal('not base64 at all %%%', SECRET)).toBeNull()
    expect(unseal(Buffer.from(JSON.stringify(flow)).toString('base64url'), SECRET)).toBeNull()
  })

  it('is not read once expired, whatever the browser kept', () => {
    expect(openFlow(seal(flow, SECRET), SECRET, flow.expiresAt - 1)).toEqual(flow)
    expect(openFlow(seal(flow, SECRET), SECRET, flow.expiresAt)).toBeNull()
  })
})
