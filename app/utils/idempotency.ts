// A form that creates something sends an idempotency key with every submission of one entry, so
// the server can tell a resend (its reply was lost on the way back) from a new entry (ADR 039).

/** The hidden field that carries the key. */
export const IDEMPOTENCY_FIELD = 'idempotencyKey'

/**
 * A random UUID (version 4). crypto.randomUUID exists only in secure contexts; getRandomValues
 * works on a plain-http intranet address too.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
