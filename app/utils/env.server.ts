import { z } from 'zod'
import { GLOBAL_ROLES } from '#core/vocabulary.ts'

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value)

/** PUBLIC_URL as every process reads it: an origin (no path), or unset. */
export function publicUrlSetting() {
  return z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^https?:\/\/[^/]+\/?$/i, 'PUBLIC_URL must be an origin such as https://portal.example.org')
      .refine((url) => URL.canParse(url), 'PUBLIC_URL must be a valid URL')
      .optional(),
  )
}
/** A comma list of global roles; an unknown role is an error at start, not a silent no. */
export const requiredRoles = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(GLOBAL_ROLES, { message: `REQUIRE_MFA_FOR lists roles among ${GLOBAL_ROLES.join(', ')}` })))

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters'),
  COLLAB_SECRET: z.string().min(32).optional(),
  // Unset: browsers co-edit on the page's own origin, which this process forwards (ADR 052).
  COLLAB_PUBLIC_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^wss?:\/\/[^/]/i, 'COLLAB_PUBLIC_URL must be an absolute ws:// or wss:// URL')
      .refine((url) => URL.canParse(url), 'COLLAB_PUBLIC_URL must be a valid URL')
      .optional(),
  ),
  // Where this process reaches the collab-server to forward those sockets.
  COLLAB_INTERNAL_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^http:\/\/[^/]/i, 'COLLAB_INTERNAL_URL must be an http:// URL such as http://127.0.0.1:3001')
      .refine((url) => URL.canParse(url), 'COLLAB_INTERNAL_URL must be a valid URL')
      .optional(),
  ),
  COLLAB_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  // The portal's address as people reach it (scheme, host, port), for links that leave the portal's
  // pages: the OpenID redirect URI (ADR 063) and email links (ADR 060).
  PUBLIC_URL: publicUrlSetting(),
  // Sign-in with the organisation's account (ADR 063): all three, or none.
  OIDC_ISSUER: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine((url) => URL.canParse(url), 'OIDC_ISSUER must be a URL')
      .refine(
        (url) => !URL.canParse(url) || isSecureOrLoopback(new URL(url)),
        'OIDC_ISSUER must be an https:// URL (http:// only on loopback, for tests)',
      )
      .optional(),
  ),
  OIDC_CLIENT_ID: z.preprocess(emptyAsUnset, z.string().max(500).optional()),
  OIDC_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().max(2000).optional()),
  OIDC_NAME: z.preprocess(emptyAsUnset, z.string().max(80).optional()),
  // The key that encrypts TOTP secrets at rest: 32 bytes as 64 hex digits. Unset, one is derived
  // from SESSION_SECRET (ADR 064); `npm start` generates one into .data/secrets.json.
  TOTP_KEY: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'TOTP_KEY must be 32 bytes written as 64 hexadecimal digits')
      .optional(),
  ),
  // Global roles that must have a second factor, e.g. `admin,ilo_reviewer` (ADR 064).
  REQUIRE_MFA_FOR: z.preprocess(emptyAsUnset, requiredRoles.optional()),
})
export type Env = z.infer<typeof schema>

/** https, or http to this machine only (the tests' own OpenID provider). */
export function isSecureOrLoopback(url: URL): boolean {
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
}

let cached: Env | undefined

/** The validated environment; read lazily so tests can point DATABASE_URL at their own database. */
export function getEnv(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env)
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
      throw new Error(`Invalid environment: ${problems}`)
    }
    const oidc = [parsed.data.OIDC_ISSUER, parsed.data.OIDC_CLIENT_ID, parsed.data.OIDC_CLIENT_SECRET]
    if (oidc.some(Boolean) && !oidc.every(Boolean))
      throw new Error('Invalid environment: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none')
    cached = parsed.data
  }
  return cached
}

/** The collab-server as this process reaches it (COLLAB_INTERNAL_URL, else loopback on COLLAB_PORT). */
export function collabInternalUrl(): string {
  const env = getEnv()
  return env.COLLAB_INTERNAL_URL ?? `http://127.0.0.1:${env.COLLAB_PORT}`
}

/** The secret that signs collab tokens; separate from the session secret unless none is given. */
export function collabSecret(): string {
  const env = getEnv()
  return env.COLLAB_SECRET ?? `${env.SESSION_SECRET}:collab`
}
