import { randomBytes } from 'node:crypto'
import { type RequestHandler } from 'express'
import { normaliseOrigin } from '../utils/origin.server.ts'

// Security headers on every response (ADR 032). The Content-Security-Policy allows scripts only
// from the portal itself or carrying this response's nonce, so an injected <script> or inline
// handler never runs; the nonce is fresh per response and reaches Remix through the load context.

/** HSTS for a year once the portal has been reached over HTTPS (directly or via the trusted proxy). */
export const HSTS = 'max-age=31536000; includeSubDomains'

export interface PolicyOptions {
  nonce: string
  /**
   * Where browsers reach the collab-server when it is not the portal's own origin (COLLAB_PUBLIC_URL,
   * e.g. wss://collab.example.org). Unset, the sockets go to /collab on the page's origin, which
   * `'self'` covers: CSP Level 3 matches ws: and wss: on the page's own host and port (ADR 052).
   */
  collabUrl?: string
  /** Vite's development server injects inline scripts without a nonce and talks over its own socket. */
  development?: boolean
}

/** The Content-Security-Policy header value for one response. */
export function contentSecurityPolicy({ nonce, collabUrl, development = false }: PolicyOptions): string {
  const collab = collabUrl ? normaliseOrigin(collabUrl) : null
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': development ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    // Inline style attributes (chart bars, collaborator colours) and the print view's inlined CSS.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(collab ? [collab] : []), ...(development ? ['ws:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}

/** A fresh, unguessable nonce (128 bits). */
export function createNonce(): string {
  return randomBytes(16).toString('base64')
}

declare module 'express-serve-static-core' {
  interface Locals {
    cspNonce?: string
  }
}

export function securityHeaders(options: { collabUrl?: string; development?: boolean }): RequestHandler {
  return (req, res, next) => {
    const nonce = createNonce()
    res.locals.cspNonce = nonce
    res.setHeader('Content-Security-Policy', contentSecurityPolicy({ nonce, ...options }))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'same-origin')
    // req.secure follows X-Forwarded-Proto only from the trusted proxy (forwarded.server.ts).
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS)
    next()
  }
}
