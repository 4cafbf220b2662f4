import { createCookie, redirect } from '@remix-run/node'
import * as SessionRepository from '#db/repositories/sessions.ts'
import * as SignInChallengeRepository from '#db/repositories/sign-in-challenges.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { randomToken, sha256 } from './crypto.server.ts'
import { getDb } from './db.server.ts'
import { getEnv } from './env.server.ts'
import { mustHaveSecondFactor } from './two-factor.server.ts'

// Idle timeout slides with each request; the absolute lifetime never does (OWASP session guidance).
export const SESSION_IDLE_SECONDS = Number(process.env.SESSION_IDLE_MINUTES ?? 120) * 60
export const SESSION_ABSOLUTE_SECONDS = Number(process.env.SESSION_MAX_HOURS ?? 24) * 3600

/**
 * Over HTTPS the cookie is `__Host-` prefixed: browsers then accept it only with Secure, Path=/ and
 * no Domain, so a sibling subdomain or a plain-http page cannot plant or overwrite it (ADR 032).
 * Plain http://localhost (development, the e2e suite) keeps the unprefixed name.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-scp_session' : 'scp_session'
}

function sessionCookie(request: Request) {
  // The request URL's scheme follows X-Forwarded-Proto only from the trusted proxy (app/http/forwarded.server.ts).
  const secure = new URL(request.url).protocol === 'https:'
  return createCookie(sessionCookieName(secure), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    secrets: [getEnv().SESSION_SECRET],
    maxAge: SESSION_ABSOLUTE_SECONDS,
  })
}

/** The raw session id from the signed cookie, or null. */
export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(request).parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length >= 32 && value.length <= 64 ? value : null
}

/**
 * Starts a session for the user and returns the Set-Cookie header that carries only its id.
 * Sign-in goes through `completeSignIn`, which decides whether a session may start yet.
 */
export async function createSession(
  request: Request,
  userId: string,
  ip: string | null,
  { mfaVerified = false }: { mfaVerified?: boolean } = {},
): Promise<string> {
  const id = randomToken()
  await SessionRepository.insert(getDb(), {
    idHash: sha256(id),
    userId,
    expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_SECONDS * 1000),
    userAgent: request.headers.get('User-Agent'),
    ip,
    mfaVerified,
  })
  return sessionCookie(request).serialize(id)
}

// ---- The second step of sign-in (ADR 064) --------------------------------------------------

/** How long the second step waits for its code after a right password. */
export const SIGN_IN_CHALLENGE_SECONDS = 5 * 60
export const TWO_FACTOR_PATH = '/login/two-factor'
export const ENROLMENT_PATH = '/account/two-factor'

function challengeCookie(request: Request) {
  const secure = new URL(request.url).protocol === 'https:'
  return createCookie(secure ? '__Host-scp_sign_in' : 'scp_sign_in', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    secrets: [getEnv().SESSION_SECRET],
    maxAge: SIGN_IN_CHALLENGE_SECONDS,
  })
}

/**
 * Finishes every sign-in (password, invitation, organisation account): someone with a second
 * factor gets the second step and no session yet; anyone else a session, sent on to `redirectTo`,
 * or to enrolment first when REQUIRE_MFA_FOR names their role. Always throws the redirect.
 */
export async function completeSignIn(
  request: Request,
  userId: string,
  ip: string | null,
  redirectTo: string,
  /** Headers the caller's answer carries anyway (the organisation sign-in clears its flow cookie). */
  headers?: Headers,
): Promise<never> {
  const destination = safeRedirect(redirectTo)
  const out = new Headers(headers)
  const user = await UserRepository.findActiveById(getDb(), userId)
  if (!user) throw redirect('/login', { headers: out })
  if (user.has_second_factor) {
    const token = randomToken()
    await SignInChallengeRepository.insert(getDb(), {
      idHash: sha256(token),
      userId,
      redirectTo: destination,
      expiresInSeconds: SIGN_IN_CHALLENGE_SECONDS,
    })
    out.append('Set-Cookie', await challengeCookie(request).serialize(token))
    throw redirect(TWO_FACTOR_PATH, { headers: out })
  }
  out.append('Set-Cookie', await createSession(request, userId, ip))
  const next = mustHaveSecondFactor(user.global_role) ? enrolmentPath(destination) : destination
  throw redirect(next, { headers: out })
}

/** The second step waiting for this browser: its person and destination, or null (none, expired). */
export async function readSignInChallenge(request: Request) {
  const token: unknown = await challengeCookie(request).parse(request.headers.get('Cookie'))
  if (typeof token !== 'string' || token.length < 32 || token.length > 64) return null
  const challenge = await SignInChallengeRepository.findLive(getDb(), sha256(token))
  return challenge ?? null
}

/**
 * Ends the second step with a session whose second factor is verified; null when the challenge
 * was already used (the same code sent twice at once). Returns the Set-Cookie headers.
 */
export async function finishSignInChallenge(
  request: Request,
  challenge: { id_hash: string; user_id: string },
  ip: string | null,
): Promise<Headers | null> {
  if (!(await SignInChallengeRepository.deleteByIdHash(getDb(), challenge.id_hash))) return null
  const headers = new Headers()
  headers.append('Set-Cookie', await createSession(request, challenge.user_id, ip, { mfaVerified: true }))
  headers.append('Set-Cookie', await clearSignInChallengeCookie(request))
  return headers
}

export function clearSignInChallengeCookie(request: Request): Promise<string> {
  return challengeCookie(request).serialize('', { maxAge: 0 })
}

function enrolmentPath(redirectTo: string) {
  return redirectTo === '/plans' ? ENROLMENT_PATH : `${ENROLMENT_PATH}?redirectTo=${encodeURIComponent(redirectTo)}`
}

export async function destroySessionCookie(request: Request): Promise<string> {
  return sessionCookie(request).serialize('', { maxAge: 0 })
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof UserRepository.findActiveById>>> & {
  sessionIdHash: string
  /** When this session last proved the second factor (sign-in, enrolment, a code at approval). */
  mfaVerifiedAt: Date | null
  /** REQUIRE_MFA_FOR names their role and they have not turned two-factor on yet. */
  mustEnrol: boolean
}

/** The signed-in user (extending the idle window), or null when the session is missing, idle or expired. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const id = await readSessionId(request)
  if (!id) return null
  const session = await SessionRepository.touch(getDb(), sha256(id), SESSION_IDLE_SECONDS)
  if (!session) return null
  const user = await UserRepository.findActiveById(getDb(), session.user_id)
  if (!user) return null
  return {
    ...user,
    sessionIdHash: session.id_hash,
    mfaVerifiedAt: session.mfa_verified_at,
    mustEnrol: !user.has_second_factor && mustHaveSecondFactor(user.global_role),
  }
}

/**
 * The signed-in user, or a redirect to the sign-in page that comes back here afterwards. Someone
 * who must turn two-factor on (REQUIRE_MFA_FOR) is sent to enrolment instead, from every page
 * but the enrolment page itself (`enrolling`).
 */
export async function requireUser(request: Request, { enrolling = false } = {}): Promise<SessionUser> {
  const user = await getSessionUser(request)
  const url = new URL(request.url)
  const back = `${url.pathname}${url.search}`
  if (user) {
    if (user.mustEnrol && !enrolling) throw redirect(enrolmentPath(back))
    return user
  }
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`, {
    headers: { 'Set-Cookie': await destroySessionCookie(request) },
  })
}

/** Redirects signed-in users away from pages meant for anonymous visitors (sign-in, invitation). */
export async function requireAnonymous(request: Request) {
  if (await getSessionUser(request)) throw redirect('/plans')
}

/** Only same-site, path-relative destinations are followed after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/plans'): string {
  // Browsers drop tabs and newlines from URLs and read '\\' as '/', so '/\t/evil.com' means //evil.com.
  // eslint-disable-next-line no-control-regex
  if (typeof to !== 'string' || !to.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback
  const base = 'http://portal.invalid'
  return new URL(to, base).origin === base ? to : fallback
}
