import { afterAll, describe, expect, it } from 'vitest'
import { createUser, enrolSecondFactor } from '#tests/factories/index.ts'
import { signInAtProvider, startTestProvider } from '#tests/oidc-provider.ts'
import { args, BASE_URL, call, cookieFromSetCookie, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as startLoader } from './auth.oidc._index.tsx'
import { loader as callbackLoader } from './auth.oidc.callback.tsx'

// A real OpenID provider on loopback; the portal is configured for it before anything reads the environment.
const provider = await startTestProvider({ redirectUris: [`${BASE_URL}/auth/oidc/callback`] })
process.env.OIDC_ISSUER = provider.issuer
process.env.OIDC_CLIENT_ID = provider.clientId
process.env.OIDC_CLIENT_SECRET = provider.clientSecret
afterAll(() => provider.close())

const db = getDb()
const IP = '203.0.113.50'
let counter = 0

/** An account at the provider; its subject differs from anything in the portal. */
function providerAccount(email: string, emailVerified = true) {
  const sub = `sub-${(counter += 1)}-${Math.random().toString(36).slice(2)}`
  provider.accounts.set(sub, { email, emailVerified, name: 'Test Person' })
  return sub
}

async function start(redirectTo?: string) {
  const path = redirectTo ? `/auth/oidc?redirectTo=${encodeURIComponent(redirectTo)}` : '/auth/oidc'
  const res = await call(() => startLoader(args(makeRequest(path))))
  expect(res.status).toBe(302)
  return { authorizationUrl: res.location!, flowCookie: cookieFromSetCookie(res.headers.get('Set-Cookie')!) }
}

function callback(url: URL | string, cookie: string | undefined) {
  const target = typeof url === 'string' ? url : `${url.pathname}${url.search}`
  return call(() => callbackLoader(args(makeRequest(target, { cookie, headers: { 'X-Client-Ip': IP } }))))
}

/** The whole flow as the browser makes it: start, sign in at the provider, come back. */
async function signIn(email: string, options: { redirectTo?: string; cookie?: string } = {}) {
  const { authorizationUrl, flowCookie } = await start(options.redirectTo)
  const back = await signInAtProvider(authorizationUrl, email)
  return callback(back, [flowCookie, options.cookie].filter(Boolean).join('; '))
}

/** The session id the Set-Cookie headers start, or null. */
function sessionIdFrom(res: { headers: Headers }): string | null {
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('scp_session=') && !/Max-Age=0/i.test(c))
  if (!setCookie) return null
  const value = decodeURIComponent(cookieFromSetCookie(setCookie).split('=').slice(1).join('='))
  return JSON.parse(Buffer.from(value.slice(0, value.lastIndexOf('.')), 'base64').toString('utf8')) as string
}

const sessionsOf = (userId: string) => db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute()
const linksOf = (userId: string) => db.selectFrom('user_identities').selectAll().where('user_id', '=', userId).execute()

describe('starting a sign-in with the organisation account', () => {
  it('redirects to the provider with PKCE (S256), state and nonce, remembered in an encrypted http-only cookie', async () => {
    const res = await call(() => startLoader(args(makeRequest('/auth/oidc?redirectTo=%2Faccount'))))
    const url = new URL(res.location!)
    expect(url.origin).toBe(provider.issuer)
    expect(url.searchParams.get('client_id')).toBe(provider.clientId)
    expect(url.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/auth/oidc/callback`)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('scope')).toBe('openid email profile')
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)).toMatch(/^[\w-]{22,}$/)
    const setCookie = res.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/^scp_oidc_flow=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).toMatch(/Max-Age=600/)
    // Nothing of the flow is readable in the cookie.
    const value = decodeURIComponent(cookieFromSetCookie(setCookie).split('=').slice(1).join('='))
    expect(Buffer.from(value, 'base64').toString('utf8')).not.toContain(url.searchParams.get('state')!)
    expect(value).not.toContain('account')
  })

  it('sends someone already signed in on to the plans', async () => {
    const user = await createUser(db)
    const cookie = await sessionCookieFor(user.id)
    const res = await call(() => startLoader(args(makeRequest('/auth/oidc', { cookie }))))
    expect(res.location).toBe('/plans')
  })
})

describe('coming back from the provider', () => {
  it('links an account by its verified email, signs it in with a new session and follows redirectTo', async () => {
    const user = await createUser(db, { email: `Linked.Person-${counter}@Org.example` })
    const sub = providerAccount(user.email.toLowerCase())
    const res = await signIn(user.email.toLowerCase(), { redirectTo: '/account' })
    expect(res.status).toBe(302)
    expect(res.location).toBe('/account')
    expect(res.headers.getSetCookie().some((c) => /^scp_oidc_flow=;.*Max-Age=0/i.test(c))).toBe(true)
    const sessionId = sessionIdFrom(res)
    expect(sessionId).not.toBeNull()
    expect((await sessionsOf(user.id)).map((s) => s.id_hash)).toEqual([sha256(sessionId!)])
    expect(await linksOf(user.id)).toMatchObject([{ issuer: provider.issuer, subject: sub }])
    const attempts = await db.selectFrom('login_attempts').selectAll().where('ip', '=', IP).execute()
    expect(attempts).toMatchObject([{ email: user.email.toLowerCase(), success: true }])
  })

  it('signs in through the link (issuer, subject) after the email changed at the provider', async () => {
    const user = await createUser(db)
    const sub = providerAccount(user.email)
    expect((await signIn(user.email)).status).toBe(302)
    provider.accounts.set(sub, { email: `renamed-${counter}@elsewhere.example`, emailVerified: false })
    const res = await signIn(`renamed-${counter}@elsewhere.example`)
    expect(res.status).toBe(302)
    expect(await sessionsOf(user.id)).toHaveLength(2)
    expect(await linksOf(user.id)).toMatchObject([{ subject: sub, email: `renamed-${counter}@elsewhere.example` }])
  })

  it('refuses an unverified email, links nothing and starts no session', async () => {
    const user = await createUser(db)
    providerAccount(user.email, false)
    const res = await signIn(user.email)
    expect(res.status).toBe(403)
    expect(res.data).toEqual({ reason: 'emailNotVerified' })
    expect(sessionIdFrom(res)).toBeNull()
    expect(await sessionsOf(user.id)).toHaveLength(0)
    expect(await linksOf(user.id)).toHaveLength(0)
  })

  it('creates no account for an email the portal does not know', async () => {
    providerAccount('stranger@org.example')
    const before = await db.selectFrom('users').select('id').execute()
    const res = await signIn('stranger@org.example')
    expect(res.status).toBe(403)
    expect(res.data).toEqual({ reason: 'noAccount' })
    expect(await db.selectFrom('users').select('id').execute()).toEqual(before)
    expect(await db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(0)
  })

  it('refuses a deactivated account, linked or not', async () => {
    const user = await createUser(db)
    providerAccount(user.email)
    await db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute()
    expect((await signIn(user.email)).data).toEqual({ reason: 'inactive' })
    await db.updateTable('users').set({ is_active: true }).where('id', '=', user.id).execute()
    expect((await signIn(user.email)).status).toBe(302)
    await db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute()
    const res = await signIn(user.email)
    expect(res.status).toBe(403)
    expect(res.data).toEqual({ reason: 'inactive' })
    expect(await sessionsOf(user.id)).toHaveLength(1)
  })

  it('refuses a second subject for an account already linked to another one', async () => {
    const user = await createUser(db)
    const first = providerAccount(user.email)
    expect((await signIn(user.email)).status).toBe(302)
    provider.accounts.delete(first)
    providerAccount(user.email)
    const res = await signIn(user.email)
    expect(res.status).toBe(409)
    expect(res.data).toEqual({ reason: 'linkedElsewhere' })
    expect(await linksOf(user.id)).toMatchObject([{ subject: first }])
  })

  it('answers 400 to a wrong state, and starts no session', async () => {
    const user = await createUser(db)
    providerAccount(user.email)
    const { authorizationUrl, flowCookie } = await start()
    const back = await signInAtProvider(authorizationUrl, user.email)
    back.searchParams.set('state', 'not-the-state-the-portal-sent')
    const res = await callback(back, flowCookie)
    expect(res.status).toBe(400)
    expect(res.data).toEqual({ reason: 'invalid' })
    expect(sessionIdFrom(res)).toBeNull()
    expect(await sessionsOf(user.id)).toHaveLength(0)
  })

  it('answers 400 to a callback without the flow cookie (another browser, or after 10 minutes)', async () => {
    const user = await createUser(db)
    providerAccount(user.email)
    const { authorizationUrl } = await start()
    const back = await signInAtProvider(authorizationUrl, user.email)
    const res = await callback(back, undefined)
    expect(res.status).toBe(400)
    expect(res.data).toEqual({ reason: 'expired' })
    const forged = await callback(back, 'scp_oidc_flow=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect(forged.data).toEqual({ reason: 'expired' })
    expect(await sessionsOf(user.id)).toHaveLength(0)
  })

  it('refuses an ID token whose nonce is not the one this browser was given', async () => {
    const user = await createUser(db)
    providerAccount(user.email)
    const { authorizationUrl, flowCookie } = await start()
    // The code is obtained for another nonce, as an attacker replaying another flow's answer would.
    const forged = new URL(authorizationUrl)
    forged.searchParams.set('nonce', 'a-nonce-of-the-attackers-choosing')
    const back = await signInAtProvider(forged.toString(), user.email)
    const res = await callback(back, flowCookie)
    expect(res.status).toBe(400)
    expect(res.data).toEqual({ reason: 'invalid' })
    expect(await sessionsOf(user.id)).toHaveLength(0)
    expect(await linksOf(user.id)).toHaveLength(0)
  })

  it('refuses a code obtained with another PKCE challenge', async () => {
    const user = await createUser(db)
    providerAccount(user.email)
    const { authorizationUrl, flowCookie } = await start()
    const forged = new URL(authorizationUrl)
    forged.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
    const res = await callback(await signInAtProvider(forged.toString(), user.email), flowCookie)
    expect(res.status).toBe(400)
    expect(await sessionsOf(user.id)).toHaveLength(0)
  })

  it('uses each flow once: the same answer replayed is refused', async () => {
    const user = await createUser(db)
    providerAccount(user.email)
    const { authorizationUrl, flowCookie } = await start()
    const back = await signInAtProvider(authorizationUrl, user.email)
    expect((await callback(back, flowCookie)).status).toBe(302)
    const again = await callback(back, flowCookie)
    expect(again.status).toBe(400)
    expect(await sessionsOf(user.id)).toHaveLength(1)
  })

  it('ends the session the browser carried before and starts one with a new id (no fixation)', async () => {
    const user = await createUser(db)
    providerAccount(user.email)
    const other = await createUser(db)
    const planted = await sessionCookieFor(other.id)
    const plantedId = (await sessionsOf(other.id))[0]!.id_hash
    const res = await signIn(user.email, { cookie: planted })
    expect(res.status).toBe(302)
    const sessionId = sessionIdFrom(res)!
    expect(sha256(sessionId)).not.toBe(plantedId)
    expect(await sessionsOf(other.id)).toHaveLength(0)
    expect((await sessionsOf(user.id)).map((s) => s.id_hash)).toEqual([sha256(sessionId)])
  })

  it('says the sign-in was cancelled when the provider answers access_denied', async () => {
    const { authorizationUrl, flowCookie } = await start()
    const state = new URL(authorizationUrl).searchParams.get('state')!
    const res = await callback(
      `/auth/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`,
      flowCookie,
    )
    expect(res.status).toBe(400)
    expect(res.data).toEqual({ reason: 'cancelled' })
  })

  it('answers 429 once the address has failed too often', async () => {
    await db
      .insertInto('login_attempts')
      .values(Array.from({ length: 201 }, (_, i) => ({ email: `x${i}@example.test`, ip: IP, success: false })))
      .execute()
    const user = await createUser(db)
    providerAccount(user.email)
    const res = await signIn(user.email)
    expect(res.status).toBe(429)
    expect(await sessionsOf(user.id)).toHaveLength(0)
  })
})

describe('an organisation sign-in for someone with two-factor on', () => {
  it('asks for the portal’s second step before any session, keeping where they were going', async () => {
    const user = await createUser(db, { email: `second-step-${Math.random().toString(36).slice(2)}@ilo.example` })
    await enrolSecondFactor(db, user.id)
    providerAccount(user.email)
    const res = await signIn(user.email, { redirectTo: '/dashboard' })
    expect(res.status).toBe(302)
    expect(res.location).toBe('/login/two-factor')
    expect(sessionIdFrom(res)).toBeNull()
    expect(await sessionsOf(user.id)).toEqual([])
    // The flow cookie is cleared and the second step's cookie set, in the same answer.
    const cookies = res.headers.getSetCookie()
    expect(cookies.some((c) => c.startsWith('scp_oidc_flow=') && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c))).toBe(
      true,
    )
    expect(cookies.some((c) => c.startsWith('scp_sign_in='))).toBe(true)
    const [challenge] = await db.selectFrom('sign_in_challenges').selectAll().where('user_id', '=', user.id).execute()
    expect(challenge!.redirect_to).toBe('/dashboard')
  })
})
