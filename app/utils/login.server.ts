import * as LoginAttemptRepository from '#db/repositories/login-attempts.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { dummyPasswordHash, verifyPassword } from './crypto.server.ts'
import { getDb } from './db.server.ts'

// Limits per 15 minutes. One person's account is limited per address and overall. An address
// (a whole office behind one NAT) gets a high ceiling, and even past it accounts that have signed
// in from there before are let through, so a ministry is never locked out by its address alone.
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
  const addressBlocked = failures.ip > LOGIN_LIMITS.ip && !(await LoginAttemptRepository.existsRecentSuccess(db, email, ip, KNOWN_ADDRESS_DAYS))
  if (failures.accountIp > LOGIN_LIMITS.accountIp || failures.account > LOGIN_LIMITS.account || addressBlocked) {
    await LoginAttemptRepository.deleteById(db, attemptId)
    return { status: 'throttled' }
  }
  const user = await UserRepository.findCredentialsByEmail(db, email)
  const hash = user?.password_hash ?? (await dummyPasswordHash())
  const valid = (await verifyPassword(hash, password)) && user !== undefined && user.is_active && user.password_hash !== null
  if (!valid) return { status: 'invalid' }
  await LoginAttemptRepository.clearFailures(db, email, ip)
  await LoginAttemptRepository.insert(db, { email, ip, success: true })
  return { status: 'ok', userId: user.id }
}
