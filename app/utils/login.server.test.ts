import { beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '#db/factories/index.ts'
import { hashPassword } from './crypto.server.ts'
import { getDb } from './db.server.ts'
import { attemptLogin, LOGIN_LIMITS } from './login.server.ts'

const db = getDb()
const PASSWORD = 'the right password'
let passwordHash: string

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD)
})

describe('attemptLogin', () => {
  it('checks no more passwords than the limit when guesses arrive all at once', async () => {
    const user = await createUser(db, { passwordHash })
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => attemptLogin(user.email, `guess ${i}`, '203.0.113.5')))
    const checked = results.filter((r) => r.status === 'invalid').length
    expect(checked).toBeLessThanOrEqual(LOGIN_LIMITS.accountIp)
    expect(results.filter((r) => r.status === 'throttled').length).toBe(15 - checked)
    const recorded = await db.selectFrom('login_attempts').select('id').where('success', '=', false).execute()
    expect(recorded).toHaveLength(checked)
  })

  it('lets the right password in after fewer failures than the limit', async () => {
    const user = await createUser(db, { passwordHash })
    for (let i = 0; i < LOGIN_LIMITS.accountIp - 1; i++) expect(await attemptLogin(user.email, 'nope', '203.0.113.6')).toEqual({ status: 'invalid' })
    expect(await attemptLogin(user.email, PASSWORD, '203.0.113.6')).toEqual({ status: 'ok', userId: user.id })
  })
})
