import { z } from 'zod'

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value)

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
})
export type Env = z.infer<typeof schema>

let cached: Env | undefined

/** The validated environment; read lazily so tests can point DATABASE_URL at their own database. */
export function getEnv(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env)
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
      throw new Error(`Invalid environment: ${problems}`)
    }
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
