import { generate } from 'otplib'
import { type Executor } from '#db/executor.ts'
import { createUser, enrolSecondFactor } from '#tests/factories/index.ts'
import { createSession } from '#app/utils/session.server.ts'
import { isDataWithInit } from '#app/utils/resource-response.server.ts'

// Helpers for calling Remix loaders and actions directly against the test database.

export const BASE_URL = 'http://localhost'

type UserOverrides = Parameters<typeof createUser>[1] & {
  /** Two-factor on (with a known secret) and the session signed in with it, as an approver needs (ADR 064). */
  secondFactor?: boolean
}

/**
 * Inserts a user and a live session for them; `cookie` is ready for a Cookie header. With
 * `secondFactor`, `totpSecret` is their authenticator's secret and the session has verified it.
 */
export async function createUserWithSession(db: Executor, { secondFactor = false, ...overrides }: UserOverrides = {}) {
  const user = await createUser(db, overrides)
  const totpSecret = secondFactor ? await enrolSecondFactor(db, user.id) : null
  const cookie = await sessionCookieFor(user.id, { mfaVerified: secondFactor })
  return { user, cookie, totpSecret }
}

/** Starts one more session for an existing user, the way sign-in does. */
export async function sessionCookieFor(
  userId: string,
  init: { userAgent?: string; ip?: string; mfaVerified?: boolean } = {},
) {
  const request = new Request(`${BASE_URL}/login`, { headers: init.userAgent ? { 'User-Agent': init.userAgent } : {} })
  const setCookie = await createSession(request, userId, init.ip ?? '127.0.0.1', { mfaVerified: init.mfaVerified })
  return cookieFromSetCookie(setCookie)
}

/** The `name=value` part of a Set-Cookie header. */
export function cookieFromSetCookie(setCookie: string): string {
  return setCookie.split(';')[0]!
}

export interface RequestOptions {
  method?: string
  form?: Record<string, string | string[]> | URLSearchParams
  body?: BodyInit
  cookie?: string
  headers?: Record<string, string>
}

/** A Request as the browser would send it; `form` is url-encoded, repeated keys for arrays. */
export function makeRequest(url: string, options: RequestOptions = {}): Request {
  const headers = new Headers(options.headers)
  if (options.cookie) headers.set('Cookie', options.cookie)
  let body = options.body
  if (options.form) {
    const params = options.form instanceof URLSearchParams ? options.form : new URLSearchParams()
    if (!(options.form instanceof URLSearchParams)) {
      for (const [key, value] of Object.entries(options.form)) {
        for (const v of Array.isArray(value) ? value : [value]) params.append(key, v)
      }
    }
    body = params
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST')
  return new Request(new URL(url, BASE_URL), { method, headers, body })
}

export interface RouteResult<T = unknown> {
  status: number
  data: T
  headers: Headers
  /** Where a redirect points, else null. */
  location: string | null
  thrown: boolean
}

async function toResult(value: unknown, thrown: boolean): Promise<RouteResult> {
  if (value instanceof Response) {
    const type = value.headers.get('Content-Type') ?? ''
    const body = type.includes('json') ? await value.json() : await value.text()
    return { status: value.status, data: body, headers: value.headers, location: value.headers.get('Location'), thrown }
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers)
    return { status: value.init?.status ?? 200, data: value.data, headers, location: headers.get('Location'), thrown }
  }
  if (thrown) throw value
  return { status: 200, data: value, headers: new Headers(), location: null, thrown }
}

/**
 * Runs a loader or action and normalises whatever it returns or throws (plain object, `data()`,
 * Response, thrown redirect or thrown `data()`). Any other exception propagates, failing the test
 * the way a 500 would.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<T = any>(run: () => Promise<unknown>): Promise<RouteResult<T>> {
  try {
    return (await toResult(await run(), false)) as RouteResult<T>
  } catch (error) {
    return (await toResult(error, true)) as RouteResult<T>
  }
}

/** Builds the args object for a loader or action. */
export function args(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: {} }
}

/** The authenticator's code for `secret`, `steps` time steps (30 s) from now. */
export function totpCode(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 })
}

/** A well-formed code that is not the current one (nor, but for a one-in-a-million chance, a neighbour's). */
export async function wrongTotpCode(secret: string): Promise<string> {
  return String((Number(await totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0')
}
