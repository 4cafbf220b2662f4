import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '#tests/factories/index.ts'
import * as LoginAttemptRepository from '#db/repositories/login-attempts.ts'
import { hashPassword } from './crypto.server.ts'
import { getDb } from './db.server.ts'
import { attemptLogin, KNOWN_ADDRESS_DAYS, LOGIN_LIMITS } from './login.server.ts'

const db = getDb()
const PASSWORD = 'the right password'
let passwordHash: string

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD)
})

describe('attemptLogin', () => {
  it('checks no more passwords than the limit when guesses arrive all at once', async () => {
    const user = await createUser(db, { passwordHash })
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => attemptLogin(user.email, `guess ${i}`, '203.0.113.5')),
    )
    const checked = results.filter((r) => r.status === 'invalid').length
    expect(checked).toBeLessThanOrEqual(LOGIN_LIMITS.accountIp)
    expect(results.filter((r) => r.status === 'throttled').length).toBe(15 - checked)
    const recorded = await db.selectFrom('login_attempts').select('id').where('success', '=', false).execute()
    expect(recorded).toHaveLength(checked)
  })

  it('lets the right password in after fewer failures than the limit', async () => {
    const user = await createUser(db, { passwordHash })
    for (let i = 0; i < LOGIN_LIMITS.accountIp - 1; i++)
      expect(await attemptLogin(user.email, 'nope', '203.0.113.6')).toEqual({ status: 'invalid' })
    expect(await attemptLogin(user.email, PASSWORD, '203.0.113.6')).toEqual({ status: 'ok', userId: user.id })
  })

  describe('when an address passes its overall failure limit', () => {
    const office = '198.51.100.20'
    async function flood() {
      await sql`INSERT INTO login_attempts (email, ip, success)
        SELECT 'stranger-' || n || '@example.test', ${office}, false FROM generate_series(1, ${LOGIN_LIMITS.ip}) AS n`.execute(
        db,
      )
    }

    it('still lets in colleagues who have signed in from that address before', async () => {
      const colleague = await createUser(db, { passwordHash })
      await LoginAttemptRepository.insert(db, { email: colleague.email, ip: office, success: true })
      await flood()
      expect(await attemptLogin(colleague.email, PASSWORD, office)).toEqual({ status: 'ok', userId: colleague.id })
    })

    it('refuses accounts never used from there, even with the right password', async () => {
      const newcomer = await createUser(db, { passwordHash })
      await flood()
      expect(await attemptLogin(newcomer.email, PASSWORD, office)).toEqual({ status: 'throttled' })
      expect(await attemptLogin(newcomer.email, PASSWORD, '192.0.2.77')).toMatchObject({ status: 'ok' })
    })

    it('keeps the per-account limits for known colleagues', async () => {
      const colleague = await createUser(db, { passwordHash })
      await LoginAttemptRepository.insert(db, { email: colleague.email, ip: office, success: true })
      await flood()
      for (let i = 0; i < LOGIN_LIMITS.accountIp; i++)
        expect(await attemptLogin(colleague.email, 'wrong', office)).toEqual({ status: 'invalid' })
      expect(await attemptLogin(colleague.email, PASSWORD, office)).toEqual({ status: 'throttled' })
    })
  })

  describe('when an account passes its overall failure limit', () => {
    async function guessFromEverywhere(email: string) {
      for (let i = 0; i < LOGIN_LIMITS.account; i++)
        await LoginAttemptRepository.insert(db, { email, ip: `10.0.${i}.1`, success: false })
    }

    it('still lets the owner in from an address they have signed in from before', async () => {
      const owner = await createUser(db, { passwordHash })
      await LoginAttemptRepository.insert(db, { email: owner.email, ip: '198.51.100.30', success: true })
      await guessFromEverywhere(owner.email)
      expect(await attemptLogin(owner.email, PASSWORD, '198.51.100.30')).toEqual({ status: 'ok', userId: owner.id })
    })

    it('refuses the right password from any other address', async () => {
      const owner = await createUser(db, { passwordHash })
      await LoginAttemptRepository.insert(db, { email: owner.email, ip: '198.51.100.30', success: true })
      await guessFromEverywhere(owner.email)
      expect(await attemptLogin(owner.email, PASSWORD, '198.51.100.31')).toEqual({ status: 'throttled' })
    })

    it('forgets an address after the known-address period', async () => {
      const owner = await createUser(db, { passwordHash })
      await LoginAttemptRepository.insert(db, { email: owner.email, ip: '198.51.100.30', success: true })
      await sql`UPDATE login_attempts SET created_at = now() - make_interval(days => ${KNOWN_ADDRESS_DAYS + 1}) WHERE success`.execute(
        db,
      )
      await guessFromEverywhere(owner.email)
      expect(await attemptLogin(owner.email, PASSWORD, '198.51.100.30')).toEqual({ status: 'throttled' })
    })
  })
})
