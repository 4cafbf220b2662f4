import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '#tests/factories/index.ts'
import * as LoginAttemptRepository from '#db/repositories/login-attempts.ts'
import { hashPassword, sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, cookieFromSetCookie, makeRequest } from '#tests/utils.ts'
import { action, loader } from './login.tsx'

const db = getDb()
const PASSWORD = 'correct horse battery staple'
let passwordHash: string

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD)
})

function signIn(form: Record<string, string>, options: { ip?: string; url?: string; cookie?: string } = {}) {
  const request = makeRequest(options.url ?? '/login', {
    form,
    cookie: options.cookie,
    headers: { 'X-Client-Ip': options.ip ?? '203.0.113.10' },
  })
  return call(() => action(args(request)))
}

function userWithPassword(email = `person-${Math.random().toString(36).slice(2)}@example.test`) {
  return createUser(db, { email, passwordHash })
}

/** The value carried by a signed Remix cookie (base64 JSON before the signature). */
function cookiePayload(setCookie: string): unknown {
  const value = decodeURIComponent(cookieFromSetCookie(setCookie).split('=').slice(1).join('='))
  const encoded = value.slice(0, value.lastIndexOf('.'))
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))
}

describe('sign-in', () => {
  it('starts a session behind an http-only, SameSite=Lax cookie that holds only an opaque id', async () => {
    const user = await userWithPassword()
    const res = await signIn({ email: user.email, password: PASSWORD })
    expect(res.status).toBe(302)
    expect(res.location).toBe('/plans')
    const setCookie = res.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/^scp_session=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).not.toMatch(/Secure/i)
    expect(setCookie).not.toContain(user.id)
    const payload = cookiePayload(setCookie)
    expect(typeof payload).toBe('string')
    expect(payload).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(payload).not.toContain(user.id)
    expect(payload).not.toContain(user.email)
    const session = await db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', sha256(payload as string))
      .executeTakeFirstOrThrow()
    expect(session.user_id).toBe(user.id)
  })

  it('marks the cookie Secure when the portal is reached over https', async () => {
    const user = await userWithPassword()
    const res = await signIn({ email: user.email, password: PASSWORD }, { url: 'https://portal.example.org/login' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Set-Cookie')).toMatch(/;\s*Secure/i)
  })

  it('matches the email case-insensitively', async () => {
    const user = await userWithPassword('Mixed.Case@Example.test')
    const res = await signIn({ email: 'mixed.case@example.TEST', password: PASSWORD })
    expect(res.status).toBe(302)
    expect(user.email).toBe('Mixed.Case@Example.test')
  })

  it('follows a same-site redirectTo', async () => {
    const user = await userWithPassword()
    const res = await signIn({ email: user.email, password: PASSWORD, redirectTo: '/plans/abc/members?x=1' })
    expect(res.location).toBe('/plans/abc/members?x=1')
  })

  it.each([
    '//evil.com',
    'https://evil.com',
    '/\\evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    'javascript:alert(1)',
    'evil.com',
    '',
  ])('ignores the unsafe redirectTo %j', async (redirectTo) => {
    const user = await userWithPassword()
    const res = await signIn({ email: user.email, password: PASSWORD, redirectTo })
    expect(res.status).toBe(302)
    expect(res.location).toBe('/plans')
  })

  it('gives the same 400 answer for a wrong password and an unknown email, and starts no session', async () => {
    const user = await userWithPassword()
    const wrong = await signIn({ email: user.email, password: 'not the password' })
    const unknown = await signIn({ email: 'nobody@example.test', password: 'not the password' })
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    expect(wrong.data.result.error).toEqual({ '': ['auth.invalidCredentials'] })
    expect(unknown.data.result.error).toEqual(wrong.data.result.error)
    expect(wrong.headers.get('Set-Cookie')).toBeNull()
    expect(JSON.stringify(wrong.data)).not.toContain('not the password')
    expect(await db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(0)
  })

  it('answers 4xx on missing or malformed fields without throwing', async () => {
    expect((await signIn({})).status).toBe(400)
    expect((await signIn({ email: 'not-an-email', password: 'x' })).status).toBe(400)
    expect((await signIn({ email: 'a@example.test', password: 'x'.repeat(10_000) })).status).toBe(400)
    const json = await call(() =>
      action(
        args(
          makeRequest('/login', {
            body: JSON.stringify({ email: 'a@example.test' }),
            headers: { 'Content-Type': 'application/json' },
          }),
        ),
      ),
    )
    // Not a form at all: refused by the form reader as an unsupported content type.
    expect(json.status).toBe(415)
  })

  it('refuses a deactivated account with the ordinary message', async () => {
    const user = await userWithPassword()
    await db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute()
    const res = await signIn({ email: user.email, password: PASSWORD })
    expect(res.status).toBe(400)
    expect(res.data.result.error).toEqual({ '': ['auth.invalidCredentials'] })
  })

  it('refuses an invited account that has no password yet', async () => {
    const user = await createUser(db, { passwordHash: null })
    expect((await signIn({ email: user.email, password: '' })).status).toBe(400)
    expect((await signIn({ email: user.email, password: 'anything at all' })).status).toBe(400)
  })

  it('sends someone already signed in on to the plans', async () => {
    const user = await userWithPassword()
    const first = await signIn({ email: user.email, password: PASSWORD })
    const cookie = cookieFromSetCookie(first.headers.get('Set-Cookie')!)
    const page = await call(() => loader(args(makeRequest('/login', { cookie }))))
    expect(page.location).toBe('/plans')
  })
})

describe('sign-in throttling', () => {
  const office = '198.51.100.7'

  it('refuses the right password with 429 after 5 failures for one account from one address', async () => {
    const user = await userWithPassword()
    for (let i = 0; i < 5; i++)
      expect((await signIn({ email: user.email, password: 'wrong' }, { ip: office })).status).toBe(400)
    const res = await signIn({ email: user.email, password: PASSWORD }, { ip: office })
    expect(res.status).toBe(429)
    expect(res.data.result.error).toEqual({ '': ['auth.throttled'] })
    expect(res.headers.get('Set-Cookie')).toBeNull()
  })

  it('still lets the account owner in from another address', async () => {
    const user = await userWithPassword()
    for (let i = 0; i < 5; i++) await signIn({ email: user.email, password: 'wrong' }, { ip: office })
    expect((await signIn({ email: user.email, password: PASSWORD }, { ip: '192.0.2.44' })).status).toBe(302)
  })

  it('does not lock out a colleague when 50 other accounts fail from the shared office address', async () => {
    const colleague = await userWithPassword()
    for (let i = 0; i < 50; i++) {
      const res = await signIn({ email: `staff-${i}@ministry.example`, password: 'wrong' }, { ip: office })
      expect(res.status).toBe(400)
    }
    expect((await signIn({ email: colleague.email, password: PASSWORD }, { ip: office })).status).toBe(302)
  }, 60_000)

  it('limits one account overall, whichever addresses the failures come from', async () => {
    const user = await userWithPassword()
    for (let i = 0; i < 20; i++)
      await LoginAttemptRepository.insert(db, { email: user.email, ip: `192.0.2.${i}`, success: false })
    expect((await signIn({ email: user.email, password: PASSWORD }, { ip: '192.0.2.200' })).status).toBe(429)
  })

  it('forgives earlier failures from an address once the account signs in there', async () => {
    const user = await userWithPassword()
    for (let i = 0; i < 4; i++) await signIn({ email: user.email, password: 'wrong' }, { ip: office })
    expect((await signIn({ email: user.email, password: PASSWORD }, { ip: office })).status).toBe(302)
    for (let i = 0; i < 4; i++)
      expect((await signIn({ email: user.email, password: 'wrong' }, { ip: office })).status).toBe(400)
    expect((await signIn({ email: user.email, password: PASSWORD }, { ip: office })).status).toBe(302)
  })

  it('counts failures only within the window', async () => {
    const user = await userWithPassword()
    for (let i = 0; i < 5; i++) await signIn({ email: user.email, password: 'wrong' }, { ip: office })
    await sql`UPDATE login_attempts SET created_at = now() - interval '16 minutes'`.execute(db)
    expect((await signIn({ email: user.email, password: PASSWORD }, { ip: office })).status).toBe(302)
  })
})

describe('domains that require the organisation account', () => {
  it('are not applied while organisation sign-in is not configured, so nobody is locked out', async () => {
    const user = await userWithPassword('someone@required.example')
    await db.insertInto('sign_in_policies').values({ domain: 'required.example' }).execute()
    expect((await signIn({ email: user.email, password: PASSWORD })).status).toBe(302)
  })

  it('leave the sign-in page without the organisation button', async () => {
    const page = await call(() => loader(args(makeRequest('/login'))))
    expect(page.data).toEqual({ organisationSignIn: null })
  })
})
