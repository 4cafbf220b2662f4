import { promises as fs } from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { type Logger } from '#core/log.server.ts'
import { type MailEnv } from './env.server.ts'

// Where messages go: the SMTP server of SMTP_URL, or without one .eml files under .data/outbox/
// (their subjects logged), so that a portal started with `npm start` alone still shows what it
// would have sent (ADR 060).

export interface OutgoingMail {
  id: string
  to: string
  subject: string
  text: string
  html: string
  createdAt: Date
}

export interface MailTransport {
  /** Resolves once the SMTP server accepted the message (or the file is written); throws otherwise. */
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

/** The Message-ID: the message's own id, so a message delivered twice carries the same one twice. */
export function messageIdFor(id: string, publicUrl: string) {
  return `<${id}@${new URL(publicUrl).hostname}>`
}

export function createMailTransport(env: MailEnv, log: Logger): MailTransport {
  const compose = (mail: OutgoingMail) => ({
    from: env.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: messageIdFor(mail.id, env.publicUrl),
    date: mail.createdAt,
    headers: { 'Auto-Submitted': 'auto-generated' },
  })
  if (env.smtpUrl) {
    // Short timeouts: a try holds the message's row lock while it talks to the server.
    const smtp = nodemailer.createTransport({
      url: env.smtpUrl,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    })
    return {
      async send(mail) {
        await smtp.sendMail(compose(mail))
      },
      close: () => smtp.close(),
    }
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    async send(mail) {
      const info = await stream.sendMail(compose(mail))
      await fs.mkdir(env.outboxDir, { recursive: true })
      const stamp = mail.createdAt.toISOString().replace(/[:.]/g, '-')
      const file = path.join(env.outboxDir, `${stamp}-${mail.id}.eml`)
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 })
      log('info', 'mail written to outbox', { subject: mail.subject, file })
    },
    close: () => stream.close(),
  }
}
