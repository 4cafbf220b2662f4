import { describe, expect, it } from 'vitest'
import { createOrganisation } from '#tests/factories/index.ts'
import { attemptLogin } from '../utils/login.server.ts'
import { getDb } from '../utils/db.server.ts'
import { getSessionUser } from '../utils/session.server.ts'
import { args, call, cookieFromSetCookie, createUserWithSession, makeRequest } from '#tests/utils.ts'
import * as adminUsers from './admin.users.tsx'
import { action, loader } from './invite.$token.tsx'

const db = getDb()
const PASSWORD = 'my own long passphrase'

async function invite(email = 'invitee@example.test') {
  const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin' })
  const org = await createOrganisation(db, { constituency: 'employers' })
  const res = await call(() =>
    adminUsers.action(
      args(
        makeRequest('/admin/users', {
          cookie,
          form: { intent: 'invite', name: 'Invitee', email, organisationId: org.id, globalRole: 'member' },
        }),
      ),
    ),
  )
  const token = String(res.data.link.url).split('/').pop()!
  const user = await db.selectFrom('users').select(['id', 'email']).where('email', '=', email).executeTakeFirstOrThrow()
  return { token, user }
}

const open = (token: string, cookie?: string) =>
  call(() => loader(args(makeRequest(`/invite/${token}`, { cookie }), { token })))
const accept = (token: string, form: Record<string, string> = { newPassword: PASSWORD, confirmPassword: PASSWORD }) =>
  call(() => action(args(makeRequest(`/invite/${token}`, { form }), { token })))

describe('invitation links', () => {
  it('greet the invitee and let them set a password, signing them in', async () => {
    const { token, user } = await invite()
    const page = await open(token)
    expect(page.data.invitee).toEqual({ name: 'Invitee', email: user.email })
    const res = await accept(token)
    expect(res.status).toBe(302)
    expect(res.location).toBe('/plans')
    const cookie = cookieFromSetCookie(res.headers.get('Set-Cookie')!)
    expect((await getSessionUser(makeRequest('/plans', { cookie })))?.id).toBe(user.id)
    expect(await attemptLogin(user.email, PASSWORD, '192.0.2.1')).toMatchObject({ status: 'ok', userId: user.id })
  })

  it('work only once', async () => {
    const { token, user } = await invite()
    expect((await accept(token)).status).toBe(302)
    expect((await open(token)).data.invitee).toBeNull()
    const second = await accept(token, {
      newPassword: 'an attacker passphrase',
      confirmPassword: 'an attacker passphrase',
    })
    expect(second.status).toBe(404)
    expect(await attemptLogin(user.email, PASSWORD, '192.0.2.1')).toMatchObject({ status: 'ok' })
  })

  it('stop working once expired', async () => {
    const { token, user } = await invite()
    await db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute()
    expect((await open(token)).data.invitee).toBeNull()
    expect((await accept(token)).status).toBe(404)
    const stored = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(stored.password_hash).toBeNull()
  })

  it('stop working once the account is deactivated', async () => {
    const { token, user } = await invite()
    await db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute()
    expect((await open(token)).data.invitee).toBeNull()
    expect((await accept(token)).status).toBe(404)
    const stored = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(stored.password_hash).toBeNull()
  })

  it('reset a forgotten password, ending the sessions opened with the old one', async () => {
    const { cookie: adminCookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin' })
    const { user, cookie: oldSession } = await createUserWithSession(db)
    const res = await call(() =>
      adminUsers.action(
        args(makeRequest('/admin/users', { cookie: adminCookie, form: { intent: 'new-link', userId: user.id } })),
      ),
    )
    const token = String(res.data.link.url).split('/').pop()!
    const accepted = await accept(token)
    expect(accepted.status).toBe(302)
    expect(await getSessionUser(makeRequest('/plans', { cookie: oldSession }))).toBeNull()
    const fresh = cookieFromSetCookie(accepted.headers.get('Set-Cookie')!)
    expect((await getSessionUser(makeRequest('/plans', { cookie: fresh })))?.id).toBe(user.id)
  })

  it('answer 404 for an unknown or absurd token', async () => {
    await invite()
    for (const token of ['nope', 'x'.repeat(5000), '']) {
      expect((await open(token)).data.invitee).toBeNull()
      expect((await accept(token)).status).toBe(404)
    }
  })

  it('refuse a short or mismatched password with 400 and keep the link usable', async () => {
    const { token } = await invite()
    const short = await accept(token, { newPassword: 'short', confirmPassword: 'short' })
    expect(short.status).toBe(400)
    expect(short.data.result.error.newPassword).toEqual(['validation.passwordLength'])
    const mismatch = await accept(token, { newPassword: PASSWORD, confirmPassword: `${PASSWORD}x` })
    expect(mismatch.status).toBe(400)
    expect(mismatch.data.result.error.confirmPassword).toEqual(['validation.passwordsDiffer'])
    expect((await accept(token)).status).toBe(302)
  })

  it('send a signed-in visitor on to the plans without using the link', async () => {
    const { token } = await invite()
    const { cookie } = await createUserWithSession(db)
    expect((await open(token, cookie)).location).toBe('/plans')
    expect((await open(token)).data.invitee).not.toBeNull()
  })
})
