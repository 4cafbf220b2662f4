import { afterEach, describe, expect, it } from 'vitest'
import * as RecoveryCodeRepository from '#db/repositories/recovery-codes.ts'
import { createUser, enrolSecondFactor } from '#tests/factories/index.ts'
import {
  args,
  call,
  cookieFromSetCookie,
  createUserWithSession,
  makeRequest,
  sessionCookieFor,
  totpCode,
  wrongTotpCode,
} from '#tests/utils.ts'
import { loader as rootLoader } from '../root.tsx'
import { hashPassword } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { open } from '../utils/secret-box.server.ts'
import { getSessionUser } from '../utils/session.server.ts'
import { action as loginAction } from './login.tsx'
import { loader as plansLoader } from './plans._index.tsx'
import { action as languageAction } from './settings.language.tsx'
import { action, loader } from './account_.two-factor.tsx'

// Turning two-factor on and off, recovery codes, and REQUIRE_MFA_FOR (ADR 064).

const db = getDb()
const page = (cookie: string, query = '') =>
  call(() => loader(args(makeRequest(`/account/two-factor${query}`, { cookie }))))
const post = (cookie: string, form: Record<string, string>) =>
  call(() => action(args(makeRequest('/account/two-factor', { cookie, form }))))
const credentialOf = (userId: string) =>
  db.selectFrom('totp_credentials').selectAll().where('user_id', '=', userId).executeTakeFirst()
const eventsOf = async (userId: string) =>
  (await db.selectFrom('security_events').select('kind').where('user_id', '=', userId).orderBy('id').execute()).map(
    (e) => e.kind,
  )

describe('turning two-factor on', () => {
  it('shows a QR code and the key, and turns on only for a right code, with ten recovery codes shown once', async () => {
    const { user, cookie } = await createUserWithSession(db)
    expect((await page(cookie)).data).toMatchObject({ enabled: false, pending: null })
    expect((await post(cookie, { intent: 'start' })).status).toBe(200)
    const { pending } = (await page(cookie)).data
    expect(pending.qrSvg).toMatch(/^<svg /)
    expect(pending.uri).toMatch(new RegExp(`^otpauth://totp/SCP%20Portal:.*secret=${pending.secret}`))
    // Stored encrypted, readable only as this person's.
    const stored = (await credentialOf(user.id))!
    expect(stored.secret_encrypted).not.toContain(pending.secret)
    expect(open(stored.secret_encrypted, user.id)).toBe(pending.secret)
    expect(open(stored.secret_encrypted, '00000000-0000-0000-0000-000000000000')).toBeNull()

    const wrong = await post(cookie, { intent: 'confirm', code: await wrongTotpCode(pending.secret) })
    expect(wrong.status).toBe(400)
    expect(wrong.data.result.error.code).toEqual(['twoFactor.wrongCode'])
    expect((await credentialOf(user.id))!.enabled_at).toBeNull()

    const right = await post(cookie, { intent: 'confirm', code: await totpCode(pending.secret) })
    expect(right.status).toBe(200)
    expect(right.data.codes).toHaveLength(10)
    expect(new Set(right.data.codes).size).toBe(10)
    for (const code of right.data.codes) expect(code).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/)
    expect((await credentialOf(user.id))!.enabled_at).toBeInstanceOf(Date)
    expect(await RecoveryCodeRepository.countUnused(db, user.id)).toBe(10)
    // The session that enrolled proved the factor; the codes are not shown again.
    expect((await getSessionUser(makeRequest('/', { cookie })))?.mfaVerifiedAt).toBeInstanceOf(Date)
    const after = await page(cookie)
    expect(after.data).toMatchObject({ enabled: true, pending: null, recoveryCodesLeft: 10 })
    expect(JSON.stringify(after.data)).not.toContain(right.data.codes[0])
    expect(await eventsOf(user.id)).toEqual(['two_factor_enabled'])
    // A stolen session cannot swap the secret of a second factor that is on.
    expect((await post(cookie, { intent: 'start' })).status).toBe(409)
  })
})

describe('with two-factor on', () => {
  async function enrolled() {
    const made = await createUserWithSession(db, { secondFactor: true })
    return { ...made, secret: made.totpSecret! }
  }

  it('turning it off needs a right code; then the secret and the recovery codes are gone', async () => {
    const { user, cookie, secret } = await enrolled()
    expect((await post(cookie, { intent: 'disable', code: '' })).status).toBe(400)
    expect((await post(cookie, { intent: 'disable', code: await wrongTotpCode(secret) })).status).toBe(400)
    expect(await credentialOf(user.id)).toBeDefined()
    const res = await post(cookie, { intent: 'disable', code: await totpCode(secret) })
    expect(res.status).toBe(200)
    expect(await credentialOf(user.id)).toBeUndefined()
    expect(await RecoveryCodeRepository.countUnused(db, user.id)).toBe(0)
    expect(await eventsOf(user.id)).toEqual(['two_factor_disabled'])
    // Whatever their notification choices, the person is told by email, in the same transaction.
    const told = await db
      .selectFrom('mail_messages')
      .select(['purpose', 'to_address', 'subject', 'text_body'])
      .where('user_id', '=', user.id)
      .execute()
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({
      purpose: 'security',
      to_address: user.email,
      subject: 'Security notice: Two-factor authentication turned off',
    })
    expect(told[0]!.text_body).toContain('If this was not you, change your password at once')
  })

  it('new recovery codes need a current code, and the old ones stop working', async () => {
    const { user, cookie, secret } = await enrolled()
    const first = await post(cookie, { intent: 'regenerate', code: await totpCode(secret) })
    expect(first.status).toBe(200)
    const old: string[] = first.data.codes
    // A recovery code is not a current code for this.
    expect((await post(cookie, { intent: 'regenerate', code: old[0]! })).status).toBe(400)
    const second = await post(cookie, { intent: 'regenerate', code: await totpCode(secret, 1) })
    expect(second.status).toBe(200)
    expect(second.data.codes).not.toContain(old[0])
    // An old code no longer turns two-factor off; a new one does.
    expect((await post(cookie, { intent: 'disable', code: old[1]! })).status).toBe(400)
    expect((await post(cookie, { intent: 'disable', code: second.data.codes[0] })).status).toBe(200)
    expect(await eventsOf(user.id)).toEqual([
      'recovery_codes_regenerated',
      'recovery_codes_regenerated',
      'recovery_code_used',
      'two_factor_disabled',
    ])
  })
})

describe('REQUIRE_MFA_FOR', () => {
  afterEach(() => {
    delete process.env.REQUIRE_MFA_FOR
  })

  it('sends a listed role to enrolment after the password and lets them use nothing else until it is on', async () => {
    process.env.REQUIRE_MFA_FOR = 'admin, ilo_reviewer'
    const passwordHash = await hashPassword('a long enough password')
    const reviewer = await createUser(db, { constituency: 'ilo', globalRole: 'ilo_reviewer', passwordHash })
    const signIn = await call(() =>
      loginAction(
        args(
          makeRequest('/login', {
            form: { email: reviewer.email, password: 'a long enough password', redirectTo: '/dashboard' },
          }),
        ),
      ),
    )
    expect(signIn.location).toBe('/account/two-factor?redirectTo=%2Fdashboard')
    const cookie = cookieFromSetCookie(signIn.headers.get('Set-Cookie')!)

    // Every other page, public ones included, leads to enrolment; the enrolment page, the
    // language switch and signing out still work.
    const plans = await call(() => plansLoader(args(makeRequest('/plans', { cookie }))))
    // (The plans page is where enrolment continues anyway.)
    expect(plans.location).toBe('/account/two-factor')
    const guide = await call(() => rootLoader(args(makeRequest('/guide', { cookie }))))
    expect(guide.location).toBe('/account/two-factor?redirectTo=%2Fguide')
    expect((await call(() => rootLoader(args(makeRequest('/account/two-factor', { cookie }))))).status).toBe(200)
    const language = await call(() =>
      languageAction(
        args(makeRequest('/settings/language', { cookie, form: { locale: 'fr', redirectTo: '/account/two-factor' } })),
      ),
    )
    expect(language.location).toBe('/account/two-factor')
    const required = await page(cookie, '?redirectTo=%2Fdashboard')
    expect(required.data).toMatchObject({ required: true, enabled: false, redirectTo: '/dashboard' })

    // Once it is on, the portal opens.
    await post(cookie, { intent: 'start' })
    const { pending } = (await page(cookie)).data
    expect((await post(cookie, { intent: 'confirm', code: await totpCode(pending.secret) })).status).toBe(200)
    expect((await call(() => plansLoader(args(makeRequest('/plans', { cookie }))))).status).toBe(200)
  })

  it('leaves roles it does not list alone, and is off when unset', async () => {
    process.env.REQUIRE_MFA_FOR = 'admin'
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    expect((await call(() => plansLoader(args(makeRequest('/plans', { cookie }))))).status).toBe(200)
    delete process.env.REQUIRE_MFA_FOR
    const admin = await createUserWithSession(db, { globalRole: 'admin' })
    expect((await call(() => plansLoader(args(makeRequest('/plans', { cookie: admin.cookie }))))).status).toBe(200)
  })

  it('lets an enrolled person in with their second factor as usual', async () => {
    process.env.REQUIRE_MFA_FOR = 'admin'
    const admin = await createUser(db, { globalRole: 'admin' })
    await enrolSecondFactor(db, admin.id)
    const cookie = await sessionCookieFor(admin.id, { mfaVerified: true })
    expect((await call(() => plansLoader(args(makeRequest('/plans', { cookie }))))).status).toBe(200)
  })
})
