// The e2e server (server.ts) runs a real SMTP server on loopback and points the portal at it; each
// message it receives is left here as a JSON file, for the specs (other processes) to read.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export const E2E_MAIL_DIR = path.join(root, '.data/e2e-mail')

export interface E2eMail {
  to: string[]
  subject: string
  text: string
  html: string
  messageId: string
}

/** The messages received so far for `address`, oldest first. */
export function mailTo(address: string): E2eMail[] {
  if (!existsSync(E2E_MAIL_DIR)) return []
  return readdirSync(E2E_MAIL_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(E2E_MAIL_DIR, f), 'utf8')) as E2eMail)
    .filter((m) => m.to.includes(address.toLowerCase()))
}

/** The first link in a message's text that starts with `prefix` (an absolute URL). */
export function linkIn(mail: E2eMail, prefix: string): string {
  const found = mail.text.split(/\s+/).find((word) => word.startsWith(prefix))
  if (!found) throw new Error(`no link starting with ${prefix} in "${mail.subject}"`)
  return found
}
