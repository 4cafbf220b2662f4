import { type IncomingMessage } from 'node:http'
import { type TLSSocket } from 'node:tls'
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

/** Express's compiled TRUST_PROXY test (`app.get('trust proxy fn')`): is the peer at `address` trusted? */
export type TrustFn = (address: string, hop: number) => boolean

/** Whether a request (an express one, or a raw upgrade) reached us from a proxy we were told to trust. */
export function fromTrustedPeer(req: IncomingMessage, trust: TrustFn): boolean {
  const address = req.socket.remoteAddress
  return address !== undefined && trust(address, 0)
}

/** Whether this request reached us through a proxy we were told to trust. */
export function cameThroughTrustedProxy(req: Request): boolean {
  return fromTrustedPeer(req, req.app.get('trust proxy fn') as TrustFn)
}

/** The first value of a comma-separated header, trimmed. */
function firstValue(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header[0] : header
  return text?.split(',')[0]?.trim() || undefined
}

/**
 * The origin a request reached: the forwarded scheme and host when it came through the trusted
 * proxy, else the socket's own scheme and the Host header. Also for upgrades, which bypass express.
 */
export function originOf(req: IncomingMessage, viaTrustedProxy: boolean): string {
  const encrypted = (req.socket as Partial<TLSSocket>).encrypted === true
  const proto = (viaTrustedProxy && firstValue(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http')
  const host = (viaTrustedProxy && firstValue(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost'
  return `${proto}://${host}`
}

/** The portal's own origin as the browser sees it: scheme, host and port. */
export function requestOrigin(req: Request): string {
  return originOf(req, cameThroughTrustedProxy(req))
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
