import { describe, expect, it } from 'vitest'
import { getDb } from '#app/utils/db.server.ts'
import { getSessionUser, readSessionId, requireUser, SESSION_IDLE_SECONDS } from '#app/utils/session.server.ts'
import { sha256 } from '#app/utils/crypto.server.ts'
import * as logout from '#app/routes/logout.tsx'
import * as account from '#app/routes/account.tsx'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'

const db = getDb()

async function sessionRow(cookie: string) {
  const id = await readSessionId(makeRequest('/', { cookie }))
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', sha256(id!)).executeTakeFirst()
}

describe('sessions', () => {
  it('identify the signed-in user from the cookie and slide the idle window', async () => {
    const { user, cookie } = await createUserWithSession(db)
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 60_000) })
      .execute()
    const before = (await sessionRow(cookie))!.last_seen_at
    expect((await getSessionUser(makeRequest('/plans', { cookie })))?.id).toBe(user.id)
    expect((await sessionRow(cookie))!.last_seen_at.getTime()).toBeGreaterThan(before.getTime())
  })

  it('treat a session idle for longer than the idle timeout as signed out', async () => {
    const { cookie } = await createUserWithSession(db)
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - (SESSION_IDLE_SECONDS + 60) * 1000) })
      .execute()
    expect(await getSessionUser(makeRequest('/plans', { cookie }))).toBeNull()
    const res = await call(() => account.loader(args(makeRequest('/account', { cookie }))))
    expect(res.status).toBe(302)
    expect(res.location).toBe('/login?redirectTo=%2Faccount')
  })

  it('treat a session past its absolute expiry as signed out even when recently used', async () => {
    const { cookie } = await createUserWithSession(db)
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000), last_seen_at: new Date() })
      .execute()
    expect(await getSessionUser(makeRequest('/plans', { cookie }))).toBeNull()
    await expect(requireUser(makeRequest('/plans', { cookie }))).rejects.toBeInstanceOf(Response)
  })

  it('stop working for a deactivated user', async () => {
    const { user, cookie } = await createUserWithSession(db)
    await db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute()
    expect(await getSessionUser(makeRequest('/plans', { cookie }))).toBeNull()
  })

  it('ignore a cookie with a tampered signature or a forged value', async () => {
    const { cookie } = await createUserWithSession(db)
    const [name, value] = cookie.split('=') as [string, string]
    const tampered = `${name}=${value.slice(0, -3)}${value.endsWith('AAA') ? 'BBB' : 'AAA'}`
    expect(await getSessionUser(makeRequest('/plans', { cookie: tampered }))).toBeNull()
    expect(await getSessionUser(makeRequest('/plans', { cookie: 'scp_session=abc' }))).toBeNull()
  })
})

describe('sign-out', () => {
  it('deletes the session row and clears the cookie', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const otherDevice = await sessionCookieFor(user.id)
    expect(await sessionRow(cookie)).toBeDefined()
    const res = await call(() => logout.action(args(makeRequest('/logout', { method: 'POST', cookie }))))
    expect(res.status).toBe(302)
    expect(res.location).toBe('/login')
    expect(res.headers.get('Set-Cookie')).toMatch(/scp_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i)
    expect(await sessionRow(cookie)).toBeUndefined()
    expect(await getSessionUser(makeRequest('/plans', { cookie }))).toBeNull()
    expect(await sessionRow(otherDevice)).toBeDefined()
  })

  it('redirects a GET to /logout without signing out', async () => {
    const { cookie } = await createUserWithSession(db)
    const res = await call(() => logout.loader())
    expect(res.location).toBe('/plans')
    expect(await sessionRow(cookie)).toBeDefined()
  })

  it('copes with a request that carries no session', async () => {
    const res = await call(() => logout.action(args(makeRequest('/logout', { method: 'POST' }))))
    expect(res.location).toBe('/login')
  })
})
