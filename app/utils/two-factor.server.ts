import { randomInt } from 'node:crypto'
import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'
import { type GlobalRole } from '#core/vocabulary.ts'
import { type Executor } from '#db/executor.ts'
import * as RecoveryCodeRepository from '#db/repositories/recovery-codes.ts'
import * as SessionRepository from '#db/repositories/sessions.ts'
import * as TotpRepository from '#db/repositories/totp-credentials.ts'
import { sha256 } from './crypto.server.ts'
import { recordSecurityEvent } from '../mail/enqueue.server.ts'
import { getDb } from './db.server.ts'
import { requiredRoles } from './env.server.ts'
import { recordSuccess, reserveAttempt } from './login.server.ts'
import { open, seal } from './secret-box.server.ts'

// Two-factor authentication with TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator
// app reads it) and one-time recovery codes (ADR 064).

/** A code is accepted one step either side of now (clocks drift; people type slowly). */
export const TOTP_TOLERANCE_SECONDS = 30
export const RECOVERY_CODE_COUNT = 10
/** How recently the session's second factor must have been proved to approve a plan without a new code. */
export const APPROVAL_FRESHNESS_SECONDS = 15 * 60
const ISSUER = 'SCP Portal'

/** The roles REQUIRE_MFA_FOR lists (read on each call, validated at start by getEnv). */
export function mfaRequiredRoles(): GlobalRole[] {
  const parsed = requiredRoles.safeParse(process.env.REQUIRE_MFA_FOR ?? '')
  return parsed.success ? parsed.data : []
}

/** Whether someone of this role must turn two-factor on before using the portal. */
export function mustHaveSecondFactor(role: GlobalRole): boolean {
  return mfaRequiredRoles().includes(role)
}

/** Whether a second factor proved at `verifiedAt` is recent enough to approve a plan. */
export function isFreshForApproval(verifiedAt: Date | null, now = Date.now()): boolean {
  return verifiedAt !== null && now - verifiedAt.getTime() < APPROVAL_FRESHNESS_SECONDS * 1000
}

// ---- Enrolment ----------------------------------------------------------------------------

/** Starts (or restarts) an enrolment with a new secret; false while two-factor is already on. */
export function startEnrolment(userId: string): Promise<boolean> {
  return TotpRepository.startEnrolment(getDb(), userId, seal(generateSecret(), userId))
}

export interface PendingEnrolment {
  /** Base32, as typed into an authenticator by hand. */
  secret: string
  uri: string
  /** The URI as a QR code, an SVG drawn on the server. */
  qrSvg: string
}

/** The enrolment in progress, to scan or type; null when there is none (or it is already on). */
export async function pendingEnrolment(user: { id: string; email: string }): Promise<PendingEnrolment | null> {
  const credential = await TotpRepository.findByUser(getDb(), user.id)
  if (!credential || credential.enabled_at) return null
  const secret = open(credential.secret_encrypted, user.id)
  if (!secret) return null
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret })
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { secret, uri, qrSvg }
}

export type CodeCheck = { status: 'ok'; recoveryCodeUsed: boolean } | { status: 'invalid' } | { status: 'throttled' }

/**
 * Turns two-factor on when `code` is right for the enrolment in progress; returns the new recovery
 * codes (shown once), or why not. The session proved the factor by doing so.
 */
export async function confirmEnrolment(
  user: { id: string; email: string; sessionIdHash: string },
  code: string,
  ip: string,
): Promise<{ status: 'ok'; recoveryCodes: string[] } | { status: 'invalid' } | { status: 'throttled' }> {
  const db = getDb()
  const attempt = await reserveAttempt(user.email, ip, 'second_factor')
  if (attempt === null) return { status: 'throttled' }
  const credential = await TotpRepository.findByUser(db, user.id)
  if (!credential || credential.enabled_at) return { status: 'invalid' }
  if (!(await acceptTotp(db, user.id, credential, code))) return { status: 'invalid' }
  await recordSuccess(user.email, ip, 'second_factor')
  const recoveryCodes = newRecoveryCodes()
  await db.transaction().execute(async (trx) => {
    await TotpRepository.enable(trx, user.id)
    await RecoveryCodeRepository.replaceAll(trx, user.id, recoveryCodes.map(hashRecoveryCode))
    await SessionRepository.markMfaVerified(trx, user.sessionIdHash)
    await recordSecurityEvent(trx, { userId: user.id, kind: 'two_factor_enabled', ip })
  })
  return { status: 'ok', recoveryCodes }
}

// ---- Checking a code ----------------------------------------------------------------------

/**
 * Checks a second factor for an enrolled person: a TOTP code (each time step accepted once, so a
 * replayed code is refused) or an unused recovery code (which then burns). Throttled like passwords.
 */
export async function verifySecondFactor(
  user: { id: string; email: string },
  code: string,
  ip: string,
): Promise<CodeCheck> {
  const db = getDb()
  if ((await reserveAttempt(user.email, ip, 'second_factor')) === null) return { status: 'throttled' }
  const credential = await TotpRepository.findByUser(db, user.id)
  if (!credential?.enabled_at) return { status: 'invalid' }
  const normalized = code.replace(/\s+/g, '')
  let recoveryCodeUsed = false
  if (/^\d{6}$/.test(normalized)) {
    if (!(await acceptTotp(db, user.id, credential, normalized))) return { status: 'invalid' }
  } else {
    const recovery = normalizeRecoveryCode(code)
    if (!recovery || !(await RecoveryCodeRepository.consume(db, user.id, sha256(recovery))))
      return { status: 'invalid' }
    recoveryCodeUsed = true
    await db
      .transaction()
      .execute((trx) => recordSecurityEvent(trx, { userId: user.id, kind: 'recovery_code_used', ip }))
  }
  await recordSuccess(user.email, ip, 'second_factor')
  return { status: 'ok', recoveryCodeUsed }
}

/** Whether `code` is right now for the stored secret and its time step was not used before (then it is taken). */
async function acceptTotp(
  db: Executor,
  userId: string,
  credential: { secret_encrypted: string; last_used_step: number | null },
  code: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false
  const secret = open(credential.secret_encrypted, userId)
  if (!secret) {
    // Sealed under another key (TOTP_KEY or SESSION_SECRET changed): only a recovery code helps now.
    console.error(JSON.stringify({ level: 'error', event: 'totp secret unreadable', userId }))
    return false
  }
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    ...(credential.last_used_step !== null ? { afterTimeStep: credential.last_used_step } : {}),
  })
  // The conditional update settles two requests carrying the same code at once: one wins.
  return result.valid && 'timeStep' in result && (await TotpRepository.consumeStep(db, userId, result.timeStep))
}

// ---- Recovery codes -----------------------------------------------------------------------

// Crockford's base32 without the letters people confuse (i, l, o, u): 16 characters are 80 bits,
// beyond any guessing, so a plain SHA-256 is enough to keep them (no salt or slow hash needed).
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/** Ten new codes, written `xxxx-xxxx-xxxx-xxxx`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)])
    return chars.join('').replace(/(.{4})(?=.)/g, '$1-')
  })
}

/** The code as stored: lower case, without spaces or dashes, confusable letters read as digits; null if it cannot be one. */
export function normalizeRecoveryCode(code: string): string | null {
  const plain = code
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/[o]/g, '0')
    .replace(/[il]/g, '1')
  return plain.length === 16 && [...plain].every((c) => RECOVERY_ALPHABET.includes(c)) ? plain : null
}

export function hashRecoveryCode(code: string): string {
  return sha256(normalizeRecoveryCode(code) ?? code)
}

/** Replaces the recovery codes (after a right current code); returns the new ones, shown once. */
export async function regenerateRecoveryCodes(userId: string, ip: string): Promise<string[]> {
  const codes = newRecoveryCodes()
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await RecoveryCodeRepository.replaceAll(trx, userId, codes.map(hashRecoveryCode))
      await recordSecurityEvent(trx, { userId, kind: 'recovery_codes_regenerated', ip })
    })
  return codes
}

/**
 * Turns two-factor off (after a right code): the secret and the recovery codes go. `byAdministrator`
 * (someone who lost both their device and their codes): their sessions end as well.
 */
export async function disableSecondFactor(userId: string, ip: string, { byAdministrator = false } = {}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await TotpRepository.deleteByUser(trx, userId)
      await RecoveryCodeRepository.deleteByUser(trx, userId)
      if (byAdministrator) await SessionRepository.deleteAllForUserExcept(trx, userId, null)
      const kind = byAdministrator ? 'two_factor_reset' : 'two_factor_disabled'
      await recordSecurityEvent(trx, { userId, kind, ip })
    })
}

/**
 * Whether this session may take a step that needs a second factor (approving a plan): the person
 * has one, and proved it within APPROVAL_FRESHNESS_SECONDS or with `code` now (which then counts
 * as proved for the next minutes too). Null when allowed, else the message and status to refuse with.
 */
export async function secondFactorForApproval(
  user: { id: string; email: string; has_second_factor: boolean; mfaVerifiedAt: Date | null; sessionIdHash: string },
  code: string | undefined,
  ip: string,
): Promise<{ message: string; status: number } | null> {
  if (!user.has_second_factor) return { message: 'lifecycle.secondFactor.notEnrolled', status: 403 }
  if (isFreshForApproval(user.mfaVerifiedAt)) return null
  if (!code) return { message: 'lifecycle.secondFactor.codeRequired', status: 403 }
  const check = await verifySecondFactor(user, code, ip)
  if (check.status === 'throttled') return { message: 'auth.throttled', status: 429 }
  if (check.status !== 'ok') return { message: 'twoFactor.wrongCode', status: 400 }
  // On its own connection: the proof stands even if the approval itself is then refused.
  await SessionRepository.markMfaVerified(getDb(), user.sessionIdHash)
  return null
}
