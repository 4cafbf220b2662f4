import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createOrganisation, createUser } from '#tests/factories/index.ts'
import { getDb } from '../utils/db.server.ts'
import { getSessionUser } from '../utils/session.server.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import * as layout from './admin.tsx'
import * as organisations from './admin.organisations.tsx'
import { action, loader } from './admin.users.tsx'

const db = getDb()

// Over HTTPS (so that invitation links are https) the session cookie carries its __Host- name (ADR 032).
const post = (cookie: string, form: Record<string, string | string[]>) =>
  call(() =>
    action(
      args(
        makeRequest('https://portal.example.org/admin/users', {
          cookie: cookie.replace(/^scp_session=/, '__Host-scp_session='),
          form,
        }),
      ),
    ),
  )

async function adminSession() {
  return createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin' })
}

async function userCount() {
  return (await db.selectFrom('users').select('id').execute()).length
}

describe('administration access', () => {
  it.each(['member', 'ilo_reviewer'] as const)(
    'answers 403 to a %s on every admin page and action',
    async (globalRole) => {
      const { cookie } = await createUserWithSession(db, { globalRole })
      const org = await createOrganisation(db)
      const before = await userCount()
      const get = (path: string) => makeRequest(path, { cookie })
      expect((await call(() => layout.loader(args(get('/admin'))))).status).toBe(403)
      expect((await call(() => loader(args(get('/admin/users'))))).status).toBe(403)
      expect((await call(() => organisations.loader(args(get('/admin/organisations'))))).status).toBe(403)
      const invite = await post(cookie, {
        intent: 'invite',
        name: 'Mallory',
        email: 'mallory@example.test',
        organisationId: org.id,
        globalRole: 'admin',
      })
      expect(invite.status).toBe(403)
      const orgPost = await call(() =>
        organisations.action(
          args(makeRequest('/admin/organisations', { cookie, form: { name: 'Sneaky', constituency: 'ilo' } })),
        ),
      )
      expect(orgPost.status).toBe(403)
      expect(await userCount()).toBe(before)
      expect(await db.selectFrom('organisations').select('id').where('name', '=', 'Sneaky').execute()).toHaveLength(0)
    },
  )

  it('redirects signed-out visitors to sign in', async () => {
    const res = await call(() => loader(args(makeRequest('/admin/users'))))
    expect(res.location).toBe('/login?redirectTo=%2Fadmin%2Fusers')
  })

  it('lets an administrator in', async () => {
    const { user, cookie } = await adminSession()
    expect((await call(() => layout.loader(args(makeRequest('/admin', { cookie }))))).status).toBe(200)
    const res = await call(() => loader(args(makeRequest('/admin/users', { cookie }))))
    expect(res.status).toBe(200)
    expect(res.data.users.map((u: { id: string }) => u.id)).toContain(user.id)
    expect(JSON.stringify(res.data)).not.toContain('password_hash')
  })
})

describe('inviting a person', () => {
  it('creates the account without a password and shows a one-time link once', async () => {
    const { user: admin, cookie } = await adminSession()
    const org = await createOrganisation(db, { constituency: 'workers' })
    const res = await post(cookie, {
      intent: 'invite',
      name: ' Dewi Anggraini ',
      email: 'dewi@union.example',
      organisationId: org.id,
      globalRole: 'member',
    })
    expect(res.status).toBe(200)
    expect(res.data.link.email).toBe('dewi@union.example')
    expect(res.data.link.url).toMatch(/^https:\/\/portal\.example\.org\/invite\/[A-Za-z0-9_-]{43}$/)
    const created = await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'dewi@union.example')
      .executeTakeFirstOrThrow()
    expect(created).toMatchObject({
      name: 'Dewi Anggraini',
      password_hash: null,
      global_role: 'member',
      organisation_id: org.id,
      is_active: true,
    })
    const invitations = await db.selectFrom('invitations').selectAll().where('user_id', '=', created.id).execute()
    expect(invitations).toHaveLength(1)
    expect(invitations[0]!.created_by).toBe(admin.id)
    // Only a hash of the token is stored.
    const token = res.data.link.url.split('/').pop()
    expect(invitations[0]!.token_hash).not.toBe(token)
    expect(JSON.stringify(invitations)).not.toContain(token)
  })

  it('refuses an email already in use, whatever its case, with an error on the email field', async () => {
    const { cookie } = await adminSession()
    const existing = await createUser(db, { email: 'taken@example.test' })
    const before = await userCount()
    const res = await post(cookie, {
      intent: 'invite',
      name: 'Twin',
      email: 'TAKEN@example.test',
      organisationId: existing.organisationId,
      globalRole: 'member',
    })
    expect(res.status).toBe(400)
    expect(res.data.result.error.email).toEqual(['admin.emailTaken'])
    expect(res.data.link).toBeNull()
    expect(await userCount()).toBe(before)
  })

  it.each([
    ['a malformed organisation id', { organisationId: 'org-1' }, 'organisationId'],
    ['an unknown organisation id', { organisationId: randomUUID() }, 'organisationId'],
    ['an unknown global role', { globalRole: 'superuser' }, 'globalRole'],
    ['a malformed email', { email: 'not an email' }, 'email'],
    ['a missing name', { name: '' }, 'name'],
    ['a 10 MB name', { name: 'n'.repeat(10_000_000) }, 'name'],
    ['a NUL character in the name', { name: 'Nul\u0000Name' }, 'name'],
    ['a NUL character in the email', { email: 'nul\u0000@example.test' }, 'email'],
  ])('answers 400 on %s and creates nobody', async (_label, override, field) => {
    const { cookie } = await adminSession()
    const org = await createOrganisation(db)
    const before = await userCount()
    const form = {
      intent: 'invite',
      name: 'Valid Name',
      email: 'new.person@example.test',
      organisationId: org.id,
      globalRole: 'member',
      ...override,
    }
    const res = await post(cookie, form)
    expect(res.status).toBe(400)
    expect(res.data.result.error[field]).toBeDefined()
    expect(await userCount()).toBe(before)
    expect(await db.selectFrom('invitations').select('id').execute()).toHaveLength(0)
  })

  it('answers 400 to a missing or unknown intent', async () => {
    const { cookie } = await adminSession()
    expect((await post(cookie, { name: 'x' })).status).toBe(400)
    expect((await post(cookie, { intent: 'drop-users' })).status).toBe(400)
    expect((await post(cookie, { intent: ['invite', 'set-active'] })).status).toBe(400)
  })

  it('creates one account when the same invitation is submitted twice at once', async () => {
    const { cookie } = await adminSession()
    const org = await createOrganisation(db)
    const form = {
      intent: 'invite',
      name: 'Double Click',
      email: 'double@example.test',
      organisationId: org.id,
      globalRole: 'member',
    }
    const results = await Promise.all([post(cookie, form), post(cookie, form), post(cookie, form)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400])
    for (const r of results.filter((x) => x.status === 400))
      expect(r.data.result.error.email).toEqual(['admin.emailTaken'])
    expect(await db.selectFrom('users').select('id').where('email', '=', 'double@example.test').execute()).toHaveLength(
      1,
    )
  })

  it('creates a fresh link for an existing person, replacing the unused one', async () => {
    const { cookie } = await adminSession()
    const org = await createOrganisation(db)
    const first = await post(cookie, {
      intent: 'invite',
      name: 'Nur',
      email: 'nur@example.test',
      organisationId: org.id,
      globalRole: 'member',
    })
    const created = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'nur@example.test')
      .executeTakeFirstOrThrow()
    const second = await post(cookie, { intent: 'new-link', userId: created.id })
    expect(second.status).toBe(200)
    expect(second.data.link.url).not.toBe(first.data.link.url)
    expect(await db.selectFrom('invitations').select('id').where('user_id', '=', created.id).execute()).toHaveLength(1)
    expect((await post(cookie, { intent: 'new-link', userId: randomUUID() })).status).toBe(400)
  })
})

describe('deactivating a person', () => {
  it('blocks the account and ends its sessions at once; reactivating restores sign-in', async () => {
    const { cookie } = await adminSession()
    const { user: target, cookie: targetCookie } = await createUserWithSession(db)
    await sessionCookieFor(target.id)
    const res = await post(cookie, { intent: 'set-active', userId: target.id, active: 'false' })
    expect(res.status).toBe(200)
    expect(await getSessionUser(makeRequest('/plans', { cookie: targetCookie }))).toBeNull()
    expect(await db.selectFrom('sessions').select('id_hash').where('user_id', '=', target.id).execute()).toHaveLength(0)
    const stored = await db
      .selectFrom('users')
      .select('is_active')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow()
    expect(stored.is_active).toBe(false)
    expect((await post(cookie, { intent: 'set-active', userId: target.id, active: 'true' })).status).toBe(200)
    const again = await db.selectFrom('users').select('is_active').where('id', '=', target.id).executeTakeFirstOrThrow()
    expect(again.is_active).toBe(true)
  })

  it('refuses to let an administrator deactivate themselves', async () => {
    const { user, cookie } = await adminSession()
    const res = await post(cookie, { intent: 'set-active', userId: user.id, active: 'false' })
    expect(res.status).toBe(400)
    expect(res.data.result.error).toEqual({ '': ['admin.notYourself'] })
    expect(await getSessionUser(makeRequest('/plans', { cookie }))).not.toBeNull()
  })

  it('answers 400 to an unknown user or a value other than true/false', async () => {
    const { cookie } = await adminSession()
    const { user: target } = await createUserWithSession(db)
    expect((await post(cookie, { intent: 'set-active', userId: randomUUID(), active: 'false' })).status).toBe(400)
    expect((await post(cookie, { intent: 'set-active', userId: target.id, active: 'maybe' })).status).toBe(400)
  })
})

describe('resetting someone’s two-factor (ADR 064)', () => {
  it('removes their second factor and recovery codes, ends their sessions and records it; never one’s own', async () => {
    const { user: admin, cookie } = await adminSession()
    const { user: person, cookie: theirs } = await createUserWithSession(db, { secondFactor: true })
    const listed = (await call(() => loader(args(makeRequest('/admin/users', { cookie }))))).data.users
    expect(listed.find((u: { id: string }) => u.id === person.id).has_second_factor).toBe(true)
    expect((await post(cookie, { intent: 'reset-two-factor', userId: admin.id })).status).toBe(400)
    expect((await post(cookie, { intent: 'reset-two-factor', userId: person.id })).status).toBe(200)
    expect(await db.selectFrom('totp_credentials').where('user_id', '=', person.id).execute()).toEqual([])
    expect(await getSessionUser(makeRequest('/plans', { cookie: theirs }))).toBeNull()
    const events = await db.selectFrom('security_events').select('kind').where('user_id', '=', person.id).execute()
    expect(events).toEqual([{ kind: 'two_factor_reset' }])
  })
})
