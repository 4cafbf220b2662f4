import { beforeAll, describe, expect, it } from 'vitest'
import { attemptLogin } from '../utils/login.server.ts'
import { hashPassword, sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { readSessionId } from '../utils/session.server.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { action, loader } from './account.tsx'

const db = getDb()
const OLD = 'the old password 123'
const NEW = 'a brand new passphrase'
let passwordHash: string

beforeAll(async () => {
  passwordHash = await hashPassword(OLD)
})

const post = (cookie: string, form: Record<string, string | string[]>) =>
  call(() => action(args(makeRequest('/account', { cookie, form }))))
const page = (cookie: string) => call(() => loader(args(makeRequest('/account', { cookie }))))

async function idHash(cookie: string) {
  return sha256((await readSessionId(makeRequest('/', { cookie })))!)
}

async function sessionCount(userId: string) {
  return (await db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute()).length
}

describe('changing the password', () => {
  const change = (currentPassword: string, newPassword: string, confirmPassword = newPassword) => ({
    intent: 'change-password',
    currentPassword,
    newPassword,
    confirmPassword,
  })

  it('refuses a wrong current password with an error next to that field', async () => {
    const { user, cookie } = await createUserWithSession(db, { passwordHash })
    const res = await post(cookie, change('not it at all', NEW))
    expect(res.status).toBe(400)
    expect(res.data.result.error).toEqual({ currentPassword: ['account.wrongPassword'] })
    expect(await attemptLogin(user.email, OLD, '192.0.2.1')).toMatchObject({ status: 'ok' })
  })

  it('answers an empty form with a message next to each field', async () => {
    const { cookie } = await createUserWithSession(db, { passwordHash })
    const res = await post(cookie, { intent: 'change-password' })
    expect(res.status).toBe(400)
    expect(res.data.result.error).toEqual({
      currentPassword: ['validation.required'],
      newPassword: ['validation.required'],
      confirmPassword: ['validation.required'],
    })
  })

  it('refuses a new password that is too short', async () => {
    const { user, cookie } = await createUserWithSession(db, { passwordHash })
    const res = await post(cookie, change(OLD, 'short'))
    expect(res.status).toBe(400)
    expect(res.data.result.error.newPassword).toEqual(['validation.passwordLength'])
    expect(await attemptLogin(user.email, OLD, '192.0.2.1')).toMatchObject({ status: 'ok' })
  })

  it('refuses a confirmation that does not match', async () => {
    const { cookie } = await createUserWithSession(db, { passwordHash })
    const res = await post(cookie, change(OLD, NEW, `${NEW}!`))
    expect(res.status).toBe(400)
    expect(res.data.result.error.confirmPassword).toEqual(['validation.passwordsDiffer'])
  })

  it('limits guesses of the current password like sign-in attempts', async () => {
    const { user, cookie } = await createUserWithSession(db, { passwordHash })
    for (let i = 0; i < 5; i++) expect((await post(cookie, change(`guess number ${i}`, NEW))).status).toBe(400)
    const res = await post(cookie, change(OLD, NEW))
    expect(res.status).toBe(429)
    expect(res.data.result.error).toEqual({ currentPassword: ['auth.throttled'] })
    expect(await attemptLogin(user.email, OLD, '192.0.2.99')).toMatchObject({ status: 'ok' })
  })

  it('never echoes submitted passwords back', async () => {
    const { cookie } = await createUserWithSession(db, { passwordHash })
    const res = await post(cookie, change('wrong current', NEW, 'something else entirely'))
    expect(JSON.stringify(res.data)).not.toMatch(/wrong current|brand new|something else/)
  })

  it('sets the new password and ends every other session but the current one', async () => {
    const { user, cookie } = await createUserWithSession(db, { passwordHash })
    const laptop = await sessionCookieFor(user.id)
    const phone = await sessionCookieFor(user.id)
    const { user: someoneElse } = await createUserWithSession(db)
    const res = await post(cookie, change(OLD, NEW))
    expect(res.status).toBe(200)
    expect(res.data.done).toBe('account.passwordChanged')
    expect((await page(cookie)).status).toBe(200)
    expect((await page(laptop)).status).toBe(302)
    expect((await page(phone)).status).toBe(302)
    expect(await sessionCount(user.id)).toBe(1)
    expect(await sessionCount(someoneElse.id)).toBe(1)
    expect(await attemptLogin(user.email, NEW, '192.0.2.1')).toMatchObject({ status: 'ok', userId: user.id })
    expect(await attemptLogin(user.email, OLD, '192.0.2.2')).toEqual({ status: 'invalid' })
    // The change is recorded and told by email, whatever the person's notification choices.
    const told = await db
      .selectFrom('mail_messages')
      .select(['purpose', 'subject'])
      .where('user_id', '=', user.id)
      .execute()
    expect(told).toEqual([{ purpose: 'security', subject: 'Security notice: Password changed' }])
    const events = await db.selectFrom('security_events').select('kind').where('user_id', '=', user.id).execute()
    expect(events).toEqual([{ kind: 'password_changed' }])
  })
})

describe('the session list', () => {
  it('lists the user’s live sessions only, marking the current one', async () => {
    const { user, cookie } = await createUserWithSession(db)
    await sessionCookieFor(user.id, { userAgent: 'Firefox on a tablet', ip: '192.0.2.9' })
    const stale = await sessionCookieFor(user.id)
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id_hash', '=', await idHash(stale))
      .execute()
    await createUserWithSession(db)
    const res = await page(cookie)
    expect(res.status).toBe(200)
    expect(res.data.sessions).toHaveLength(2)
    const current = res.data.sessions.filter((s: { current: boolean }) => s.current)
    expect(current.map((s: { id_hash: string }) => s.id_hash)).toEqual([await idHash(cookie)])
    expect(res.data.sessions.map((s: { user_agent: string | null }) => s.user_agent)).toContain('Firefox on a tablet')
  })

  it('ends another of the user’s sessions', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const other = await sessionCookieFor(user.id)
    const res = await post(cookie, { intent: 'end-session', sessionId: await idHash(other) })
    expect(res.status).toBe(200)
    expect((await page(other)).status).toBe(302)
    expect((await page(cookie)).status).toBe(200)
  })

  it('cannot end a session that belongs to another user', async () => {
    const { cookie } = await createUserWithSession(db)
    const { cookie: victim } = await createUserWithSession(db)
    const res = await post(cookie, { intent: 'end-session', sessionId: await idHash(victim) })
    expect(res.status).toBe(400)
    expect(res.data.result.error).toEqual({ '': ['account.sessionGone'] })
    expect((await page(victim)).status).toBe(200)
  })

  it('ends all other sessions at once', async () => {
    const { user, cookie } = await createUserWithSession(db)
    await sessionCookieFor(user.id)
    await sessionCookieFor(user.id)
    expect((await post(cookie, { intent: 'end-other-sessions' })).status).toBe(200)
    expect(await sessionCount(user.id)).toBe(1)
    expect((await page(cookie)).status).toBe(200)
  })

  it.each([
    ['no intent', { sessionId: 'a'.repeat(64) }],
    ['an unknown intent', { intent: 'delete-account' }],
    ['a malformed session id', { intent: 'end-session', sessionId: 'not-a-hash' }],
    ['an array for the session id', { intent: 'end-session', sessionId: ['a'.repeat(64), 'b'.repeat(64)] }],
    [
      'a 10 MB password',
      { intent: 'change-password', currentPassword: 'x'.repeat(10_000_000), newPassword: NEW, confirmPassword: NEW },
    ],
  ])('answers 400 to %s', async (_label, form) => {
    const { user, cookie } = await createUserWithSession(db)
    await sessionCookieFor(user.id)
    const res = await post(cookie, form)
    expect(res.status).toBe(400)
    expect(await sessionCount(user.id)).toBe(2)
  })

  it('answers 415 to a JSON body', async () => {
    const { cookie } = await createUserWithSession(db)
    const request = makeRequest('/account', {
      cookie,
      body: JSON.stringify({ intent: 'end-other-sessions' }),
      headers: { 'Content-Type': 'application/json' },
    })
    expect((await call(() => action(args(request)))).status).toBe(415)
  })

  it('redirects signed-out visitors to sign in', async () => {
    const res = await call(() => action(args(makeRequest('/account', { form: { intent: 'end-other-sessions' } }))))
    expect(res.location).toBe('/login?redirectTo=%2Faccount')
  })
})
