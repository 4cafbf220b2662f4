import path from 'node:path'
import { z } from 'zod'
import { publicUrlSetting } from '../utils/env.server.ts'

// Mail settings (README's configuration table, docs/deployment.md, ADR 060). Read apart from
// app/utils/env.server.ts because the queue runner needs them where no session secret matters.

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value)

const schema = z.object({
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^smtps?:\/\/[^/]/i, 'SMTP_URL must be an smtp:// or smtps:// URL')
      .refine((url) => URL.canParse(url), 'SMTP_URL must be a valid URL')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUnset, z.string().max(300).optional()),
  // Unset: the port on this machine, fine for `npm start`; a deployment sets its public origin.
  PUBLIC_URL: publicUrlSetting(),
  MAIL_OUTBOX_DIR: z.preprocess(emptyAsUnset, z.string().optional()),
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(65535).default(3000)),
})

export interface MailEnv {
  /** Unset: messages are written to `outboxDir` as .eml files instead of being sent. */
  smtpUrl: string | undefined
  from: string
  /** The portal's origin as people reach it, without a trailing slash: every link in a message starts with it. */
  publicUrl: string
  outboxDir: string
}

/** The mail settings from the environment; throws on an invalid one, naming it. */
export function readMailEnv(env: NodeJS.ProcessEnv = process.env): MailEnv {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  const v = parsed.data
  const publicUrl = new URL(v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).origin
  return {
    smtpUrl: v.SMTP_URL,
    from: v.MAIL_FROM ?? `SCP Portal <no-reply@${new URL(publicUrl).hostname}>`,
    publicUrl,
    outboxDir: path.resolve(v.MAIL_OUTBOX_DIR ?? '.data/outbox'),
  }
}
