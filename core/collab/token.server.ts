import { createHmac, timingSafeEqual } from 'node:crypto'
import { type AccessMode } from '#core/vocabulary.ts'
import { TOKEN_TTL_SECONDS, tokenClaimsSchema, type TokenClaims } from './contract.ts'

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url')

function sign(payload: string, secret: string) {
  return createHmac('sha256', secret).update(payload).digest()
}

/** Mints a signed, short-lived token for one user, one document and one mode. */
export function mintCollabToken(
  claims: { sub: string; doc: string; mode: AccessMode },
  secret: string,
  now = Date.now(),
): { token: string; expiresAt: Date } {
  const iat = Math.floor(now / 1000)
  const exp = iat + TOKEN_TTL_SECONDS
  const payload = b64(JSON.stringify({ ...claims, iat, exp }))
  return { token: `${payload}.${b64(sign(payload, secret))}`, expiresAt: new Date(exp * 1000) }
}

/** Verifies signature, shape and expiry; returns null for any token that is not valid now. */
export function verifyCollabToken(token: unknown, secret: string, now = Date.now()): TokenClaims | null {
  if (typeof token !== 'string' || token.length > 2048) return null
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return null
  const expected = sign(payload, secret)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  const parsed = tokenClaimsSchema.safeParse(json)
  if (!parsed.success || parsed.data.exp * 1000 <= now) return null
  return parsed.data
}
