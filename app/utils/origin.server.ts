// Cross-site request forgery defence for every state-changing request, in the style of Go's
// CrossOriginProtection: browsers mark cross-site requests with Sec-Fetch-Site or Origin, and
// requests that carry neither come from non-browser clients, which cannot be tricked into sending
// a victim's cookie. An origin is scheme, host and port together (ADR 005, ADR 032): a page served
// from http://portal:8080 or http://portal is not the https://portal that set the cookie.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isCrossOriginRequest(
  method: string,
  headers: { origin?: string; referer?: string; secFetchSite?: string },
  /** The portal's own origin as this request reached it, e.g. `https://portal.example.org`. */
  requestOrigin: string,
  allowedOrigins: readonly string[] = [],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false
  return isFromAnotherOrigin(headers, requestOrigin, allowedOrigins)
}

/**
 * Whether a browser sent this request from a page of another origin, whatever its method: the check
 * above for state-changing requests, and for WebSocket upgrades (a GET that opens a channel, which
 * browsers send cross-origin without asking, always with an Origin header).
 */
export function isFromAnotherOrigin(
  headers: { origin?: string; referer?: string; secFetchSite?: string },
  requestOrigin: string,
  allowedOrigins: readonly string[] = [],
): boolean {
  const site = headers.secFetchSite?.toLowerCase()
  if (site === 'same-origin' || site === 'none') return false
  const origin = headers.origin ?? headers.referer
  if (origin === undefined) return site === 'cross-site' || site === 'same-site'
  const normalised = normaliseOrigin(origin)
  if (normalised === null) return true
  if (allowedOrigins.some((allowed) => normaliseOrigin(allowed) === normalised)) return false
  return normalised !== normaliseOrigin(requestOrigin)
}

/** `scheme://host[:port]` in lower case with the scheme's default port dropped, or null for `null` and garbage. */
export function normaliseOrigin(url: string): string | null {
  try {
    const origin = new URL(url).origin
    return origin === 'null' ? null : origin.toLowerCase()
  } catch {
    return null
  }
}
