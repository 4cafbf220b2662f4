import { type Express, type Request, type RequestHandler } from 'express'

// What a reverse proxy says about the original request (X-Forwarded-Host/-Proto/-For) is believed
// only when TRUST_PROXY is set AND this request's socket comes from an address it trusts. A client
// talking to the portal directly cannot pose as the proxy: its forwarded headers are dropped before
// anything (express, Remix's request URL, the origin check) reads them.

const FORWARDED_HEADERS = [
  'forwarded',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-for',
  'x-forwarded-port',
] as const

/** TRUST_PROXY as express understands it: a hop count, true/false, or a comma list of addresses/subnets. */
export function parseTrustProxy(value: string | undefined): boolean | number | string | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (text === 'true') return true
  if (text === 'false') return false
  if (/^\d+$/.test(text)) return Number(text)
  return text
}

type TrustFn = (address: string, hop: number) => boolean

function trustFn(req: Request): TrustFn {
  return req.app.get('trust proxy fn') as TrustFn
}

/** Whether this request reached us through a proxy we were told to trust. */
export function cameThroughTrustedProxy(req: Request): boolean {
  const address = req.socket.remoteAddress
  return address !== undefined && trustFn(req)(address, 0)
}

/** The portal's own origin as the browser sees it: scheme, host and port. */
export function requestOrigin(req: Request): string {
  const forwardedHost = cameThroughTrustedProxy(req) ? req.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined
  // req.protocol already follows X-Forwarded-Proto only from a trusted proxy.
  return `${req.protocol}://${forwardedHost || req.get('host') || 'localhost'}`
}

/** Applies TRUST_PROXY and strips forwarded headers that did not come from the trusted proxy. */
export function trustedForwarding(app: Express, trustProxy: string | undefined): RequestHandler {
  const setting = parseTrustProxy(trustProxy)
  if (setting !== undefined) app.set('trust proxy', setting)
  return (req, _res, next) => {
    if (!cameThroughTrustedProxy(req)) for (const name of FORWARDED_HEADERS) delete req.headers[name]
    // Remix reads the address from this header; never trust one sent by the client.
    req.headers['x-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    next()
  }
}
