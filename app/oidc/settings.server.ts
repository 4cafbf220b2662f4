import * as client from 'openid-client'
import { createLogger, errorMessage } from '#core/log.server.ts'
import { getEnv, isSecureOrLoopback } from '../utils/env.server.ts'

export interface OidcSettings {
  issuer: string
  clientId: string
  clientSecret: string
  /** What the sign-in button calls the provider; null: the translated "your organisation's account". */
  name: string | null
}

/** The configured provider, or null when organisation sign-in is not configured. */
export function oidcSettings(): OidcSettings | null {
  const env = getEnv()
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME ?? null,
  }
}

const log = createLogger()
let discovered: { key: string; configuration: Promise<client.Configuration> } | undefined

/**
 * The provider's metadata and keys, discovered once from the configured issuer (the only place
 * this process ever fetches from, besides that provider's token, keys and userinfo endpoints). A
 * failed discovery is forgotten, so the next sign-in tries again rather than failing until restart.
 */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}\n${settings.clientId}`
  if (discovered?.key === key) return discovered.configuration
  const issuer = new URL(settings.issuer)
  const configuration = client
    .discovery(
      issuer,
      settings.clientId,
      undefined,
      client.ClientSecretBasic(settings.clientSecret),
      // http is refused by openid-client; allowed here only for a provider on this machine (tests).
      issuer.protocol === 'http:' && isSecureOrLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {},
    )
    .catch((error: unknown) => {
      if (discovered?.configuration === configuration) discovered = undefined
      log('error', 'oidc.discovery_failed', { issuer: settings.issuer, error: errorMessage(error) })
      throw error
    })
  discovered = { key, configuration }
  return configuration
}

/**
 * Where the provider sends the browser back: PUBLIC_URL when set, else the request's own origin
 * (which follows X-Forwarded-Host/-Proto only from the trusted proxy, ADR 032). The provider only
 * accepts redirect URIs registered for the client, so a forged Host header cannot divert the code.
 */
export function redirectUri(request: Request): string {
  const origin = getEnv().PUBLIC_URL ?? new URL(request.url).origin
  return new URL('/auth/oidc/callback', origin).toString()
}
