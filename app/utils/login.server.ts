import * as LoginAttemptRepository from '#db/repositories/login-attempts.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { dummyPasswordHash, verifyPassword } from './crypto.server.ts'
import { getDb } from './db.server.ts'

// Limits per 15 minutes: per account and address, per account, per address (a whole office behind
// one NAT gets a high ceiling). Past the last two, an account is still let in from an address it
// has signed in from recently, so neither a flood from one office nor guesses against one account
// from elsewhere lock out the people who normally sign in there.
export const LOGIN_WINDOW_SECONDS = 15 * 60
export const LOGIN_LIMITS = { accountIp: 5, account: 20, ip: 200 }
export const KNOWN_ADDRESS_DAYS = 90

export type LoginResult = { status: 'ok'; userId: string } | { status: 'invalid' } | { status: 'throttled' }

/** Checks credentials with throttling; the same answer for unknown email and wrong password. */
export async function attemptLogin(email: string, password: string, ip: string): Promise<LoginResult> {
  const db = getDb()
  // Recorded as a failure before anything is checked, so guesses sent all at once count against
  // each other; the record is dropped when throttled and cleared when the password is right.
  const attemptId = await LoginAttemptRepository.insert(db, { email, ip, success: false })
  const failures = await LoginAttemptRepository.countRecentFailures(db, email, ip, LOGIN_WINDOW_SECONDS)
  const overWideLimit = failures.account > LOGIN_LIMITS.account || failures.ip > LOGIN_LIMITS.ip
  const blocked =
    failures.accountIp > LOGIN_LIMITS.accountIp ||
    (overWideLimit && !(await LoginAttemptRepository.existsRecentSuccess(db, email, ip, KNOWN_ADDRESS_DAYS)))
  if (blocked) {
    await LoginAttemptRepository.deleteById(db, attemptId)
    return { status: 'throttled' }
  }
  const user = await UserRepository.findCredentialsByEmail(db, email)
  const hash = user?.password_hash ?? (await dummyPasswordHash())
  const valid =
    (await verifyPassword(hash, password)) && user !== undefined && user.is_active && user.password_hash !== null
  if (!valid) return { status: 'invalid' }
  await LoginAttemptRepository.clearFailures(db, email, ip)
  await LoginAttemptRepository.insert(db, { email, ip, success: true })
  return { status: 'ok', userId: user.id }
}
