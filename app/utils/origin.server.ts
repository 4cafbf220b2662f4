// Cross-site request forgery defence for every state-changing request, in the style of Go's
// CrossOriginProtection: browsers mark cross-site requests with Sec-Fetch-Site or Origin, and
// requests that carry neither come from non-browser clients, which cannot be tricked into sending
// a victim's cookie.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isCrossOriginRequest(
  method: string,
  headers: { origin?: string; referer?: string; secFetchSite?: string; host?: string },
  allowedOrigins: readonly string[] = [],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false
  const site = headers.secFetchSite?.toLowerCase()
  if (site === 'same-origin' || site === 'none') return false
  const origin = headers.origin ?? (headers.referer ? safeOrigin(headers.referer) : undefined)
  if (origin === undefined) return site === 'cross-site' || site === 'same-site'
  if (allowedOrigins.includes(origin)) return false
  const originHost = safeHost(origin)
  return originHost === null || originHost !== headers.host?.toLowerCase()
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return 'null'
  }
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase()
  } catch {
    return null
  }
}
