// A real OpenID provider (oidc-provider) on loopback, for the tests of sign-in with the
// organisation's account (ADR 063): one confidential client for the portal, accounts kept in memory
// (the test says what email each has and whether it is verified), and a minimal login page of its
// own that a browser or `signInAtProvider` fills in. Consent is given by the provider itself, as an
// organisation's provider does for its own applications.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import http from 'node:http'
import { type AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export const TEST_CLIENT_ID = 'scp-portal'

export interface TestAccount {
  email: string
  emailVerified: boolean
  name?: string
}

export interface TestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** Accounts by subject: set, change or delete them at any time. */
  accounts: Map<string, TestAccount>
  close(): Promise<void>
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function loginPage(uid: string, error: string | null) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title>
<meta name="viewport" content="width=device-width"></head><body><main>
<h1>Test organisation: sign in</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">Organisation email</label> <input id="email" name="email" type="email" required>
<button type="submit">Continue</button></form></main></body></html>`
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of req) {
    body += String(chunk)
    if (body.length > 10_000) break
  }
  return new URLSearchParams(body)
}

async function putAccount(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  accounts: Map<string, TestAccount>,
  sub: string,
) {
  let body = ''
  for await (const chunk of req) body += String(chunk)
  try {
    const { email, emailVerified, name } = JSON.parse(body) as Partial<TestAccount>
    if (typeof email !== 'string' || typeof emailVerified !== 'boolean') throw new Error('email and emailVerified')
    accounts.set(sub, { email, emailVerified, name })
    res.writeHead(204).end()
  } catch (error) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(error))
  }
}

/** Starts the provider on 127.0.0.1 (`port` 0: any free port) for a portal whose callbacks are `redirectUris`. */
export async function startTestProvider(options: {
  port?: number
  redirectUris: string[]
  /** Lets another process set accounts: `PUT /test/accounts/<sub>` with JSON `{ email, emailVerified }` (e2e). */
  accountsEndpoint?: boolean
}): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>()
  const clientSecret = randomBytes(24).toString('base64url')
  const server = http.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    // Said explicitly so the provider does not print a notice for each default.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub)
      if (!account) return undefined
      return {
        accountId: sub,
        claims: () => ({ sub, email: account.email, email_verified: account.emailVerified, name: account.name }),
      }
    },
    // First-party application: the grant is given without a consent screen.
    loadExistingGrant: async (ctx: {
      oidc: {
        provider: Provider
        client: { clientId: string }
        session: { accountId: string; grantIdFor(clientId: string): string | undefined }
        result?: { consent?: { grantId?: string } }
      }
    }) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  })
  const handle = provider.callback()
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const accountPath = /^\/test\/accounts\/([\w-]{1,100})$/.exec(req.url ?? '')
    if (options.accountsEndpoint && accountPath && req.method === 'PUT') {
      void putAccount(req, res, accounts, accountPath[1]!)
      return
    }
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '')
    if (!match) return handle(req, res)
    void (async () => {
      try {
        await provider.interactionDetails(req, res)
        if (!match[2]) {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(loginPage(match[1]!, null))
          return
        }
        const email = (await readForm(req)).get('email')?.trim().toLowerCase() ?? ''
        const sub = [...accounts].find(([, a]) => a.email.toLowerCase() === email)?.[0]
        if (!sub) {
          res
            .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
            .end(loginPage(match[1]!, 'Unknown account'))
          return
        }
        await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false })
      } catch (error) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(error))
      }
    })()
  })
  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * Signs in at the provider as the account with `email`, following its redirects as a browser
 * would (with its cookies), and returns the URL it finally sends the browser to: the portal's
 * callback with `code` and `state`.
 */
export async function signInAtProvider(authorizationUrl: string, email: string): Promise<URL> {
  const jar = new Map<string, string>()
  const issuerOrigin = new URL(authorizationUrl).origin
  let url = new URL(authorizationUrl)
  let form: URLSearchParams | null = null
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.origin !== issuerOrigin) return url
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form ?? undefined,
      redirect: 'manual',
      headers: { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const eq = pair!.indexOf('=')
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
    }
    form = null
    const location = res.headers.get('Location')
    if (location) {
      url = new URL(location, url)
      continue
    }
    const html = await res.text()
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]
    if (res.status !== 200 || !action) throw new Error(`the provider answered ${res.status}: ${html.slice(0, 300)}`)
    url = new URL(action, url)
    form = new URLSearchParams({ email })
  }
  throw new Error('too many redirects at the provider')
}
