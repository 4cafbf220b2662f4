import { z } from 'zod'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters'),
  COLLAB_SECRET: z.string().min(32).optional(),
  COLLAB_PUBLIC_URL: z.string().default('ws://localhost:3001'),
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

/** The secret that signs collab tokens; separate from the session secret unless none is given. */
export function collabSecret(): string {
  const env = getEnv()
  return env.COLLAB_SECRET ?? `${env.SESSION_SECRET}:collab`
}
