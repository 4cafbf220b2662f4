import { describe, expect, it } from 'vitest'
import { createUser } from '#tests/factories/index.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { requestPasswordReset } from '../mail/password-reset.server.ts'
import { hashPassword } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { action as unlink } from './account_.organisation-account.ts'
import { loader as accountLoader } from './account.tsx'
import { action, loader } from './admin.sign-in.tsx'
import { action as passwordSignIn, loader as signInPage } from './login.tsx'

// Organisation sign-in configured; these tests never reach the provider (nothing here signs in with it).
process.env.OIDC_ISSUER = 'https://login.example.org'
process.env.OIDC_CLIENT_ID = 'scp-portal'
process.env.OIDC_CLIENT_SECRET = 'a-client-secret'
process.env.OIDC_NAME = 'ILO account'

const db = getDb()
const PASSWORD = 'correct horse battery staple'

async function asAdmin(email = `admin-${Math.random().toString(36).slice(2)}@portal.example`) {
  return createUserWithSession(db, { email, constituency: 'ilo', globalRole: 'admin' })
}

function post(cookie: string, form: Record<string, string>) {
  return call(() => action(args(makeRequest('/admin/sign-in', { cookie, form }))))
}

function signInWithPassword(email: string, password = PASSWORD) {
  const request = makeRequest('/login', { form: { email, password }, headers: { 'X-Client-Ip': '203.0.113.9' } })
  return call(() => passwordSignIn(args(request)))
}

async function link(userId: string, email: string) {
  await db
    .insertInto('user_identities')
    .values({ user_id: userId, issuer: 'https://login.example.org', subject: `sub-${userId}`, email })
    .execute()
}

describe('domains that must sign in with the organisation account', () => {
  it('refuses password sign-in for every address of the domain, known or not, with one answer', async () => {
    const { cookie } = await asAdmin()
    const staff = await createUser(db, { email: 'Staff.Member@ILO.org', passwordHash: await hashPassword(PASSWORD) })
    expect((await signInWithPassword(staff.email)).status).toBe(302)
    expect((await post(cookie, { intent: 'add', domain: ' @ILO.org ' })).status).toBe(200)
    expect(await db.selectFrom('sign_in_policies').select('domain').execute()).toEqual([{ domain: 'ilo.org' }])

    const known = await signInWithPassword('staff.member@ilo.org')
    const wrongPassword = await signInWithPassword('staff.member@ilo.org', 'not the password')
    const unknown = await signInWithPassword('nobody-here@ilo.org')
    for (const res of [known, wrongPassword, unknown]) {
      expect(res.status).toBe(403)
      expect(res.data.result.error).toEqual({ '': ['auth.organisationSignInRequired'] })
      expect(res.headers.get('Set-Cookie')).toBeNull()
    }
    // Exact domains: a subdomain or another domain still signs in with its password.
    const other = await createUser(db, { email: 'someone@geneva.ilo.org', passwordHash: await hashPassword(PASSWORD) })
    expect((await signInWithPassword(other.email)).status).toBe(302)

    expect((await post(cookie, { intent: 'remove', domain: 'ilo.org' })).status).toBe(200)
    expect((await signInWithPassword(staff.email)).status).toBe(302)
  })

  it('sends no password reset to an address of such a domain, and answers as for any other', async () => {
    const { cookie } = await asAdmin()
    const domain = `reset-${Math.random().toString(36).slice(2)}.example`
    const staff = await createUser(db, { email: `staff@${domain}`, passwordHash: await hashPassword(PASSWORD) })
    expect((await post(cookie, { intent: 'add', domain })).status).toBe(200)
    expect(await requestPasswordReset(staff.email, '203.0.113.10')).toBe('sent')
    const requests = await db.selectFrom('password_resets').select('user_id').where('email', '=', staff.email).execute()
    expect(requests).toEqual([{ user_id: null }])
    expect(await db.selectFrom('mail_messages').select('id').where('user_id', '=', staff.id).execute()).toEqual([])
  })

  it('offers the organisation button on the sign-in page, under its configured name', async () => {
    const page = await call(() => signInPage(args(makeRequest('/login'))))
    expect(page.data).toEqual({ organisationSignIn: { name: 'ILO account' } })
  })

  it('lists each rule with the accounts it covers and how many are linked', async () => {
    const { cookie } = await asAdmin()
    const linked = await createUser(db, { email: 'a@union.example' })
    await createUser(db, { email: 'b@union.example' })
    await link(linked.id, linked.email)
    await post(cookie, { intent: 'add', domain: 'union.example' })
    const page = await call(() => loader(args(makeRequest('/admin/sign-in', { cookie }))))
    expect(page.data.configured).toEqual({ name: 'ILO account' })
    expect(page.data.policies).toMatchObject([{ domain: 'union.example', accounts: 2, linked: 1 }])
  })

  it.each(['', 'ilo', 'ilo..org', '-ilo.org', 'user@ilo.org', 'ilo.org/x', 'i lo.org', 'x'.repeat(64) + '.org'])(
    'refuses the domain %j with a field error',
    async (domain) => {
      const { cookie } = await asAdmin()
      const res = await post(cookie, { intent: 'add', domain })
      expect(res.status).toBe(400)
      expect(res.data.result.error.domain).toBeDefined()
      expect(await db.selectFrom('sign_in_policies').select('domain').execute()).toHaveLength(0)
    },
  )

  it('refuses a domain twice, and removing one that is not there', async () => {
    const { cookie } = await asAdmin()
    expect((await post(cookie, { intent: 'add', domain: 'twice.example' })).status).toBe(200)
    const again = await post(cookie, { intent: 'add', domain: 'TWICE.example' })
    expect(again.status).toBe(400)
    expect(again.data.result.error.domain).toEqual(['oidc:admin.exists'])
    expect((await post(cookie, { intent: 'remove', domain: 'never.example' })).status).toBe(404)
  })

  it('keeps administrators from locking themselves out: their own domain only once they are linked', async () => {
    const { user, cookie } = await asAdmin('boss@ministry.example')
    const res = await post(cookie, { intent: 'add', domain: 'ministry.example' })
    expect(res.status).toBe(409)
    expect(res.data.result.error.domain).toEqual(['oidc:admin.ownDomain'])
    await link(user.id, user.email)
    expect((await post(cookie, { intent: 'add', domain: 'ministry.example' })).status).toBe(200)
  })

  it('is for administrators only', async () => {
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    expect((await post(cookie, { intent: 'add', domain: 'ilo.org' })).status).toBe(403)
    expect((await call(() => loader(args(makeRequest('/admin/sign-in', { cookie }))))).status).toBe(403)
    expect(await db.selectFrom('sign_in_policies').select('domain').execute()).toHaveLength(0)
  })
})

describe('the organisation account on the account page', () => {
  const accountPage = (cookie: string) => call(() => accountLoader(args(makeRequest('/account', { cookie }))))
  const unlinkAs = (cookie: string) =>
    call(() => unlink(args(makeRequest('/account/organisation-account', { cookie, form: {} }))))

  it('shows the link and lets the person unlink it', async () => {
    const { user, cookie } = await createUserWithSession(db, { email: 'linked@partner.example' })
    expect((await accountPage(cookie)).data.organisationAccount).toEqual({
      name: 'ILO account',
      link: null,
      required: false,
    })
    await link(user.id, 'linked@partner.example')
    expect((await accountPage(cookie)).data.organisationAccount).toMatchObject({
      link: { email: 'linked@partner.example' },
      required: false,
    })
    const res = await unlinkAs(cookie)
    expect(res.location).toBe('/account')
    expect(await db.selectFrom('user_identities').select('id').execute()).toHaveLength(0)
  })

  it('refuses to unlink when the domain requires the organisation account', async () => {
    const { cookie: admin } = await asAdmin()
    const { user, cookie } = await createUserWithSession(db, { email: 'required@ilo.org' })
    await link(user.id, user.email)
    await post(admin, { intent: 'add', domain: 'ilo.org' })
    expect((await accountPage(cookie)).data.organisationAccount).toMatchObject({ required: true })
    expect((await unlinkAs(cookie)).status).toBe(409)
    expect(await db.selectFrom('user_identities').select('id').execute()).toHaveLength(1)
  })

  it("never touches another person's link", async () => {
    const other = await createUser(db)
    await link(other.id, other.email)
    const { cookie } = await createUserWithSession(db)
    await unlinkAs(cookie)
    expect(await db.selectFrom('user_identities').select('user_id').execute()).toEqual([{ user_id: other.id }])
  })
})
