import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import * as RecoveryCodeRepository from '#db/repositories/recovery-codes.ts'
import { createUser, enrolSecondFactor } from '#tests/factories/index.ts'
import { args, call, cookieFromSetCookie, makeRequest, totpCode, wrongTotpCode } from '#tests/utils.ts'
import { hashPassword } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { getSessionUser } from '../utils/session.server.ts'
import { hashRecoveryCode, newRecoveryCodes } from '../utils/two-factor.server.ts'
import { action as passwordAction } from './login.tsx'
import { action, loader } from './login_.two-factor.tsx'

// The second step of sign-in (ADR 064), through the routes a browser posts to.

const db = getDb()
const PASSWORD = 'correct horse battery staple'
let passwordHash: string

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD)
})

async function enrolledUser() {
  const user = await createUser(db, { email: `mfa-${Math.random().toString(36).slice(2)}@example.test`, passwordHash })
  const secret = await enrolSecondFactor(db, user.id)
  return { ...user, secret }
}

/** The password step; returns the second step's cookie (no session is started). */
async function passwordStep(email: string, redirectTo = '/plans') {
  const res = await call(() =>
    passwordAction(
      args(makeRequest('/login', { form: { email, password: PASSWORD, redirectTo }, headers: { 'X-Client-Ip': IP } })),
    ),
  )
  expect(res.status).toBe(302)
  expect(res.location).toBe('/login/two-factor')
  const setCookie = res.headers.get('Set-Cookie')!
  expect(setCookie).toMatch(/^scp_sign_in=/)
  expect(setCookie).not.toMatch(/scp_session=/)
  return cookieFromSetCookie(setCookie)
}

const IP = '203.0.113.77'
const sendCode = (cookie: string, code: string, ip = IP) =>
  call(() => action(args(makeRequest('/login/two-factor', { cookie, form: { code }, headers: { 'X-Client-Ip': ip } }))))

/** The session a successful second step started. */
async function sessionFrom(res: { headers: Headers }) {
  const sessionCookie = res.headers
    .getSetCookie()
    .map(cookieFromSetCookie)
    .find((c) => c.startsWith('scp_session='))
  expect(sessionCookie).toBeDefined()
  return getSessionUser(makeRequest('/plans', { cookie: sessionCookie }))
}

describe('signing in with two-factor', () => {
  it('asks for a code after the password, and opens a session marked verified only for a right one', async () => {
    const user = await enrolledUser()
    const cookie = await passwordStep(user.email, '/plans/somewhere')
    expect((await call(() => loader(args(makeRequest('/login/two-factor', { cookie }))))).status).toBe(200)
    const res = await sendCode(cookie, await totpCode(user.secret))
    expect(res.status).toBe(302)
    expect(res.location).toBe('/plans/somewhere')
    const session = await sessionFrom(res)
    expect(session?.id).toBe(user.id)
    expect(session?.mfaVerifiedAt).toBeInstanceOf(Date)
    // The second step works once: its cookie now leads back to the password.
    const again = await call(() => loader(args(makeRequest('/login/two-factor', { cookie }))))
    expect(again.location).toBe('/login')
  })

  it('refuses a replayed code, and takes the next one', async () => {
    const user = await enrolledUser()
    const code = await totpCode(user.secret)
    expect((await sendCode(await passwordStep(user.email), code)).status).toBe(302)
    const second = await passwordStep(user.email)
    const replayed = await sendCode(second, code)
    expect(replayed.status).toBe(400)
    expect(replayed.data.result.error.code).toEqual(['twoFactor.wrongCode'])
    expect(replayed.headers.get('Set-Cookie')).toBeNull()
    // A code of an earlier step than the last one used is refused as well; the next step's works.
    expect((await sendCode(second, await totpCode(user.secret, -1))).status).toBe(400)
    expect((await sendCode(second, await totpCode(user.secret, 1))).status).toBe(302)
  })

  it('accepts a recovery code once, however it is typed, and records its use', async () => {
    const user = await enrolledUser()
    const codes = newRecoveryCodes()
    await RecoveryCodeRepository.replaceAll(db, user.id, codes.map(hashRecoveryCode))
    const typed = ` ${codes[3]!.toUpperCase().replace(/-/g, ' ')} `
    const res = await sendCode(await passwordStep(user.email), typed)
    expect(res.status).toBe(302)
    // Sent to the two-factor page, which says how many codes are left.
    expect(res.location).toBe('/account/two-factor?recovered')
    expect(await RecoveryCodeRepository.countUnused(db, user.id)).toBe(9)
    const events = await db.selectFrom('security_events').select('kind').where('user_id', '=', user.id).execute()
    expect(events).toEqual([{ kind: 'recovery_code_used' }])
    const reused = await sendCode(await passwordStep(user.email), codes[3]!)
    expect(reused.status).toBe(400)
  })

  it('throttles wrong codes like passwords: after five from one address even a right code waits', async () => {
    const user = await enrolledUser()
    const cookie = await passwordStep(user.email)
    for (let i = 0; i < 5; i++) expect((await sendCode(cookie, await wrongTotpCode(user.secret))).status).toBe(400)
    const throttled = await sendCode(cookie, await totpCode(user.secret))
    expect(throttled.status).toBe(429)
    expect(throttled.data.result.error.code).toEqual(['auth.throttled'])
    // Counted apart from passwords: the password step still answers.
    await passwordStep(user.email)
    // From another address the account's own limit (20 in 15 minutes) still leaves room.
    expect((await sendCode(cookie, await totpCode(user.secret), '198.51.100.9')).status).toBe(302)
  })

  it('expires, and binds the step to the person whose password was right', async () => {
    const alice = await enrolledUser()
    const bob = await enrolledUser()
    const aliceStep = await passwordStep(alice.email)
    // Bob's code does not open Alice's step.
    expect((await sendCode(aliceStep, await totpCode(bob.secret))).status).toBe(400)
    await sql`UPDATE sign_in_challenges SET expires_at = now() - interval '1 second' WHERE user_id = ${alice.id}`.execute(
      db,
    )
    const expired = await sendCode(aliceStep, await totpCode(alice.secret))
    expect(expired.status).toBe(302)
    expect(expired.location).toBe('/login')
    expect(expired.headers.get('Set-Cookie')).toMatch(/^scp_sign_in=;/)
    // Without the step's cookie, or with a forged one, there is nothing to answer.
    expect((await call(() => loader(args(makeRequest('/login/two-factor'))))).location).toBe('/login')
    const forged = `scp_sign_in=${encodeURIComponent(Buffer.from(JSON.stringify('x'.repeat(43))).toString('base64'))}.bad`
    expect((await sendCode(forged, await totpCode(alice.secret))).location).toBe('/login')
  })
})
