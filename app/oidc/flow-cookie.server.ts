import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { z } from 'zod'
import { getEnv } from '../utils/env.server.ts'

// What the callback must find again, and nothing the browser or the provider could set: kept in a
// cookie of its own, encrypted and authenticated (AES-256-GCM with a key derived from the session
// secret), httpOnly, SameSite=Lax (sent on the provider's top-level redirect back, not on a
// cross-site subrequest), for 10 minutes. ADR 063.
export const FLOW_SECONDS = 10 * 60

const flowSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  redirectTo: z.string().max(2000),
  redirectUri: z.string().max(2100),
  expiresAt: z.number(),
})
export type OidcFlow = z.infer<typeof flowSchema>

function flowCookie(request: Request) {
  const secure = new URL(request.url).protocol === 'https:'
  return createCookie(secure ? '__Host-scp_oidc_flow' : 'scp_oidc_flow', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: FLOW_SECONDS,
  })
}

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'scp-portal', 'oidc-flow-cookie', 32))
}

/** The flow encrypted and authenticated under a key derived from `secret` (the session secret). */
export function seal(flow: OidcFlow, secret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
}

/** The flow, or null when the value was not sealed by this portal or is damaged. */
export function unseal(value: string, secret: string): OidcFlow | null {
  try {
    const raw = Buffer.from(value, 'base64url')
    if (raw.length < 12 + 16 + 2 || raw.length > 4096) return null
    const decipher = createDecipheriv('aes-256-gcm', key(secret), raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(raw.length - 16))
    const json = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8')
    const parsed = flowSchema.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The Set-Cookie header that stores a new flow. */
export function flowCookieHeader(request: Request, flow: OidcFlow): Promise<string> {
  return flowCookie(request).serialize(seal(flow, getEnv().SESSION_SECRET))
}

/** The unexpired flow this browser started, or null. */
export async function readFlow(request: Request): Promise<OidcFlow | null> {
  const value: unknown = await flowCookie(request).parse(request.headers.get('Cookie'))
  if (typeof value !== 'string') return null
  return openFlow(value, getEnv().SESSION_SECRET)
}

/** The sealed flow if it opens and has not expired (the cookie's Max-Age is only the browser's word). */
export function openFlow(value: string, secret: string, now = Date.now()): OidcFlow | null {
  const flow = unseal(value, secret)
  return flow && flow.expiresAt > now ? flow : null
}

/** The Set-Cookie header that removes the flow: each flow is used once, whatever its outcome. */
export function clearFlowCookieHeader(request: Request): Promise<string> {
  return flowCookie(request).serialize('', { maxAge: 0 })
}
