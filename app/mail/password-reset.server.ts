import * as PasswordResetRepository from '#db/repositories/password-resets.ts'
import { passwordSignInAllowed } from '../oidc/policy.server.ts'
import { randomToken, sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { queuePasswordReset } from './enqueue.server.ts'

// "Forgot your password?" (ADR 060). Every request is recorded and counted, whether or not an
// account uses the address, and answered the same way; only an active account gets a message,
// with a one-time link valid for an hour. Past the limits nothing is sent: per address, silently
// (the answer stays the same); per client address, with a 429 that says nothing about accounts.
// Addresses of a domain that must sign in with the organisation account get nothing either.

export const RESET_MINUTES = 60
export const RESET_WINDOW_SECONDS = 60 * 60
export const RESET_LIMITS = { email: 3, ip: 20 }

export async function requestPasswordReset(email: string, ip: string): Promise<'sent' | 'throttled'> {
  const db = getDb()
  const recent = await PasswordResetRepository.countRecent(db, email, ip, RESET_WINDOW_SECONDS)
  if (recent.ip >= RESET_LIMITS.ip) return 'throttled'
  if (recent.email >= RESET_LIMITS.email) {
    await PasswordResetRepository.insert(db, { email, ip })
    return 'sent'
  }
  // An address whose domain signs in with the organisation account has no password to reset (ADR 063).
  const user = (await passwordSignInAllowed(email))
    ? await PasswordResetRepository.findResettableUser(db, email)
    : undefined
  if (!user) {
    await PasswordResetRepository.insert(db, { email, ip })
    return 'sent'
  }
  const token = randomToken()
  await db.transaction().execute(async (trx) => {
    await PasswordResetRepository.insert(trx, {
      email,
      ip,
      token: { userId: user.id, hash: sha256(token), expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) },
    })
    await queuePasswordReset(trx, { user, token, minutes: RESET_MINUTES })
  })
  return 'sent'
}
