import * as client from 'openid-client'
import { createLogger, errorMessage } from '#core/log.server.ts'
import * as LoginAttemptRepository from '#db/repositories/login-attempts.ts'
import * as UserIdentityRepository from '#db/repositories/user-identities.ts'
import { getDb } from '../utils/db.server.ts'
import { LOGIN_LIMITS, LOGIN_WINDOW_SECONDS } from '../utils/login.server.ts'
import { safeRedirect } from '../utils/session.server.ts'
import { FLOW_SECONDS, flowCookieHeader, readFlow } from './flow-cookie.server.ts'
import { oidcConfiguration, redirectUri, type OidcSettings } from './settings.server.ts'

const log = createLogger()
const SCOPE = 'openid email profile'

/** Why a sign-in with the organisation's account was refused, and the status it is answered with. */
export const REFUSALS = {
  expired: 400,
  invalid: 400,
  cancelled: 400,
  emailNotVerified: 403,
  noAccount: 403,
  inactive: 403,
  linkedElsewhere: 409,
  throttled: 429,
  unavailable: 503,
} as const
export type Refusal = keyof typeof REFUSALS

export type Outcome = { status: 'ok'; userId: string; redirectTo: string } | { status: 'refused'; reason: Refusal }

/** The provider's authorization URL for a new flow, and the cookie that remembers the flow. */
export async function startSignIn(
  request: Request,
  settings: OidcSettings,
  redirectTo: string | null,
): Promise<{ status: 'ok'; url: string; cookie: string } | { status: 'refused'; reason: 'unavailable' }> {
  let configuration: client.Configuration
  try {
    configuration = await oidcConfiguration(settings)
  } catch {
    return { status: 'refused', reason: 'unavailable' }
  }
  const verifier = client.randomPKCECodeVerifier()
  const flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier,
    redirectTo: safeRedirect(redirectTo),
    redirectUri: redirectUri(request),
    expiresAt: Date.now() + FLOW_SECONDS * 1000,
  }
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: flow.redirectUri,
    scope: SCOPE,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  })
  return { status: 'ok', url: url.toString(), cookie: await flowCookieHeader(request, flow) }
}

/**
 * Checks the provider's answer against the flow this browser started (state, PKCE verifier, nonce,
 * issuer, audience, expiry: openid-client) and finds the portal account: by the link (issuer,
 * subject) first, else by a verified email, which then creates the link. Never creates an account.
 */
export async function finishSignIn(request: Request, settings: OidcSettings, ip: string): Promise<Outcome> {
  const db = getDb()
  const flow = await readFlow(request)
  if (!flow) return { status: 'refused', reason: 'expired' }
  // The provider is the real guard against guessing; this only stops one address from making the
  // portal call the provider's token endpoint without end (the password sign-in's address limit).
  const failures = await LoginAttemptRepository.countRecentFailures(db, '', ip, LOGIN_WINDOW_SECONDS)
  if (failures.ip > LOGIN_LIMITS.ip) return { status: 'refused', reason: 'throttled' }

  const answer = await exchangeCode(request, settings, flow)
  if (answer.status === 'refused') {
    if (answer.reason !== 'unavailable') await recordFailure('', ip)
    return answer
  }
  const { issuer, subject, email, emailVerified } = answer

  const linked = await UserIdentityRepository.findUserBySubject(db, issuer, subject)
  if (linked) {
    if (!linked.is_active) return refuse('inactive', linked.email, ip)
    await UserIdentityRepository.markUsed(db, linked.identity_id, email)
    return succeed(linked.id, linked.email, ip, flow.redirectTo)
  }
  // Only an address the provider vouches for may claim a portal account: anyone can type any
  // address into an unverified profile.
  if (!email || emailVerified !== true) return refuse('emailNotVerified', email ?? '', ip)
  const account = await UserIdentityRepository.findUserByEmailForLinking(db, issuer, email)
  if (!account) return refuse('noAccount', email, ip)
  if (!account.is_active) return refuse('inactive', account.email, ip)
  if (account.linked_subject !== null) return refuse('linkedElsewhere', account.email, ip)
  try {
    await UserIdentityRepository.insert(db, { userId: account.id, issuer, subject, email })
  } catch (error) {
    // The same account linked at the same moment by another sign-in.
    if (!(error instanceof UserIdentityRepository.AlreadyLinkedError)) throw error
    return refuse('linkedElsewhere', account.email, ip)
  }
  log('info', 'oidc.linked', { userId: account.id })
  return succeed(account.id, account.email, ip, flow.redirectTo)
}

type Answer =
  | { status: 'ok'; issuer: string; subject: string; email: string | null; emailVerified: unknown }
  | { status: 'refused'; reason: 'invalid' | 'cancelled' | 'unavailable' }

async function exchangeCode(
  request: Request,
  settings: OidcSettings,
  flow: { state: string; nonce: string; verifier: string; redirectUri: string },
): Promise<Answer> {
  let configuration: client.Configuration
  try {
    configuration = await oidcConfiguration(settings)
  } catch {
    return { status: 'refused', reason: 'unavailable' }
  }
  // The redirect URI the flow was started with, carrying the provider's query: what the token
  // request must repeat, whatever Host this request came in on.
  const current = new URL(flow.redirectUri)
  current.search = new URL(request.url).search
  try {
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()!
    let email: unknown = claims.email
    let emailVerified: unknown = claims.email_verified
    // Many providers put the profile claims in the userinfo answer only (oidc-provider does by default).
    if (email === undefined || emailVerified === undefined) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)
      email = info.email
      emailVerified = info.email_verified
    }
    return {
      status: 'ok',
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof email === 'string' && email.length <= 254 ? email : null,
      emailVerified,
    }
  } catch (error) {
    if (error instanceof client.AuthorizationResponseError && error.error === 'access_denied')
      return { status: 'refused', reason: 'cancelled' }
    const refused =
      error instanceof client.AuthorizationResponseError ||
      error instanceof client.ResponseBodyError ||
      error instanceof client.ClientError
    log('warn', 'oidc.callback_refused', {
      error: errorMessage(error),
      code: (error as { code?: string }).code ?? null,
    })
    return { status: 'refused', reason: refused ? 'invalid' : 'unavailable' }
  }
}

async function recordFailure(email: string, ip: string) {
  await LoginAttemptRepository.insert(getDb(), { email, ip, success: false })
}

async function refuse(reason: Refusal, email: string, ip: string): Promise<Outcome> {
  await recordFailure(email, ip)
  return { status: 'refused', reason }
}

/** Recorded as a password sign-in's success is: the address becomes known for this account. */
async function succeed(userId: string, email: string, ip: string, redirectTo: string): Promise<Outcome> {
  const db = getDb()
  await LoginAttemptRepository.clearFailures(db, email, ip)
  await LoginAttemptRepository.insert(db, { email, ip, success: true })
  return { status: 'ok', userId, redirectTo }
}
