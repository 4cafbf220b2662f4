import { type SignInFactor } from '#core/vocabulary.ts'
import * as LoginAttemptRepository from '#db/repositories/login-attempts.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { dummyPasswordHash, verifyPassword } from './crypto.server.ts'
import { getDb } from './db.server.ts'

// Limits per 15 minutes: per account and address, per account, per address (a whole office behind
// one NAT gets a high ceiling). Past the last two, an account is still let in from an address it
// has signed in from recently, so neither a flood from one office nor guesses against one account
// from elsewhere lock out the people who normally sign in there. Second-factor codes follow the
// same rules, counted apart from passwords (ADR 064).
export const LOGIN_WINDOW_SECONDS = 15 * 60
export const LOGIN_LIMITS = { accountIp: 5, account: 20, ip: 200 }
export const KNOWN_ADDRESS_DAYS = 90

export type LoginResult = { status: 'ok'; userId: string } | { status: 'invalid' } | { status: 'throttled' }

/**
 * Counts an attempt of `factor` for this account and address before anything is checked, so
 * guesses sent all at once count against each other. Returns the attempt's id, or null when the
 * limits refuse it (the attempt is then not kept).
 */
export async function reserveAttempt(email: string, ip: string, factor: SignInFactor): Promise<number | null> {
  const db = getDb()
  const attemptId = await LoginAttemptRepository.insert(db, { email, ip, success: false, factor })
  const failures = await LoginAttemptRepository.countRecentFailures(db, email, ip, LOGIN_WINDOW_SECONDS, factor)
  const overWideLimit = failures.account > LOGIN_LIMITS.account || failures.ip > LOGIN_LIMITS.ip
  const blocked =
    failures.accountIp > LOGIN_LIMITS.accountIp ||
    (overWideLimit && !(await LoginAttemptRepository.existsRecentSuccess(db, email, ip, KNOWN_ADDRESS_DAYS, factor)))
  if (!blocked) return attemptId
  await LoginAttemptRepository.deleteById(db, attemptId)
  return null
}

/** A right answer forgives this address's earlier failures for the account and makes it known. */
export async function recordSuccess(email: string, ip: string, factor: SignInFactor) {
  const db = getDb()
  await LoginAttemptRepository.clearFailures(db, email, ip, factor)
  await LoginAttemptRepository.insert(db, { email, ip, success: true, factor })
}

/** Checks credentials with throttling; the same answer for unknown email and wrong password. */
export async function attemptLogin(email: string, password: string, ip: string): Promise<LoginResult> {
  if ((await reserveAttempt(email, ip, 'password')) === null) return { status: 'throttled' }
  const user = await UserRepository.findCredentialsByEmail(getDb(), email)
  const hash = user?.password_hash ?? (await dummyPasswordHash())
  const valid =
    (await verifyPassword(hash, password)) && user !== undefined && user.is_active && user.password_hash !== null
  if (!valid) return { status: 'invalid' }
  await recordSuccess(email, ip, 'password')
  return { status: 'ok', userId: user.id }
}
