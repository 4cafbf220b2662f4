import { createCookie, redirect } from '@remix-run/node'
import * as SessionRepository from '#db/repositories/sessions.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { randomToken, sha256 } from './crypto.server.ts'
import { getDb } from './db.server.ts'
import { getEnv } from './env.server.ts'

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

/** Starts a session for the user and returns the Set-Cookie header that carries only its id. */
export async function createSession(request: Request, userId: string, ip: string | null): Promise<string> {
  const id = randomToken()
  await SessionRepository.insert(getDb(), {
    idHash: sha256(id),
    userId,
    expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_SECONDS * 1000),
    userAgent: request.headers.get('User-Agent'),
    ip,
  })
  return sessionCookie(request).serialize(id)
}

export async function destroySessionCookie(request: Request): Promise<string> {
  return sessionCookie(request).serialize('', { maxAge: 0 })
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof UserRepository.findActiveById>>> & {
  sessionIdHash: string
}

/** The signed-in user (extending the idle window), or null when the session is missing, idle or expired. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const id = await readSessionId(request)
  if (!id) return null
  const session = await SessionRepository.touch(getDb(), sha256(id), SESSION_IDLE_SECONDS)
  if (!session) return null
  const user = await UserRepository.findActiveById(getDb(), session.user_id)
  return user ? { ...user, sessionIdHash: session.id_hash } : null
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request)
  if (user) return user
  const url = new URL(request.url)
  const back = `${url.pathname}${url.search}`
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
