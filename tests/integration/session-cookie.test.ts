import { describe, expect, it } from 'vitest'
import { createUser } from '#tests/factories/index.ts'
import { createSession, getSessionUser } from '#app/utils/session.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { cookieFromSetCookie } from '#tests/utils.ts'

// The session cookie over HTTPS is `__Host-` prefixed (Secure, Path=/, no Domain); plain
// http://localhost keeps the old name so development and the e2e suite work without TLS.
const db = getDb()

async function signIn(origin: string) {
  const user = await createUser(db)
  const setCookie = await createSession(new Request(`${origin}/login`), user.id, '127.0.0.1')
  return { user, setCookie, cookie: cookieFromSetCookie(setCookie) }
}

describe('the session cookie', () => {
  it('is __Host- prefixed, Secure, HttpOnly, host-only and for the whole site over HTTPS', async () => {
    const { user, setCookie, cookie } = await signIn('https://portal.example.org')
    expect(setCookie).toMatch(/^__Host-scp_session=/)
    const attributes = setCookie
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase())
    expect(attributes).toEqual(expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=lax']))
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false)
    const reader = await getSessionUser(
      new Request('https://portal.example.org/plans', { headers: { Cookie: cookie } }),
    )
    expect(reader?.id).toBe(user.id)
  })

  it('over HTTPS ignores the unprefixed name, which a sibling subdomain or a plain-http page could have planted', async () => {
    const { cookie } = await signIn('https://portal.example.org')
    const planted = cookie.replace(/^__Host-/, '')
    expect(
      await getSessionUser(new Request('https://portal.example.org/plans', { headers: { Cookie: planted } })),
    ).toBeNull()
  })

  it('keeps working on plain http://localhost, without Secure and without the prefix', async () => {
    const { user, setCookie, cookie } = await signIn('http://localhost:3000')
    expect(setCookie).toMatch(/^scp_session=/)
    expect(setCookie.toLowerCase()).not.toContain('secure')
    const reader = await getSessionUser(new Request('http://localhost:3000/plans', { headers: { Cookie: cookie } }))
    expect(reader?.id).toBe(user.id)
  })
})
