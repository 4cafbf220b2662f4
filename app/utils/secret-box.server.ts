import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { getEnv } from './env.server.ts'

// Secrets the portal must read back (TOTP secrets) are kept encrypted with AES-256-GCM under a
// key the database never holds (ADR 064): a copy of the database or a backup alone yields no
// usable second factor. The person's id is bound in as associated data, so a ciphertext copied
// onto another person's row does not decrypt. The `v1` prefix names the scheme, so a later key
// rotation can tell old boxes from new ones.

const VERSION = 'v1'

/** TOTP_KEY when set; otherwise a key derived from SESSION_SECRET, which then must not change. */
export function totpKey(): Buffer {
  const env = getEnv()
  if (env.TOTP_KEY) return Buffer.from(env.TOTP_KEY, 'hex')
  return Buffer.from(hkdfSync('sha256', env.SESSION_SECRET, 'scp-portal', 'totp-secret-encryption', 32))
}

/** Encrypts `plaintext` for `owner` (the associated data); the result is plain ASCII. */
export function seal(plaintext: string, owner: string, key: Buffer = totpKey()): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(owner, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

/** The plaintext, or null when the box is malformed, another owner's, or sealed under another key. */
export function open(box: string, owner: string, key: Buffer = totpKey()): string | null {
  const [version, iv, body, tag, ...rest] = box.split('.')
  if (version !== VERSION || !iv || !body || !tag || rest.length > 0) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(owner, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
