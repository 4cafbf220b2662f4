import http from 'node:http'
import { type AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { trustedForwarding } from './forwarded.server.ts'
import { contentSecurityPolicy, HSTS, securityHeaders } from './security-headers.server.ts'

let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function listen(trustProxy?: string): Promise<number> {
  const app = express()
  app.use(trustedForwarding(app, trustProxy))
  app.use(securityHeaders({ collabUrl: 'wss://collab.example.org/socket' }))
  app.get('*', (_req, res) => res.json({ nonce: res.locals.cspNonce }))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server!.once('listening', resolve))
  return (server!.address() as AddressInfo).port
}

function get(
  port: number,
  headers: Record<string, string> = {},
): Promise<{ headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ headers: res.headers, body }))
      })
      .on('error', reject)
  })
}

const directives = (policy: string) =>
  Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))

describe('contentSecurityPolicy', () => {
  it('allows only the portal and this nonce to run scripts, and the collab-server to be connected to', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123', collabUrl: 'ws://localhost:3001' }))
    expect(policy['default-src']).toEqual(["'self'"])
    expect(policy['script-src']).toEqual(["'self'", "'nonce-abc123'"])
    expect(policy['script-src']).not.toContain("'unsafe-inline'")
    expect(policy['connect-src']).toEqual(["'self'", 'ws://localhost:3001'])
    expect(policy['object-src']).toEqual(["'none'"])
    expect(policy['frame-ancestors']).toEqual(["'none'"])
    expect(policy['base-uri']).toEqual(["'self'"])
    expect(policy['form-action']).toEqual(["'self'"])
  })

  it('connects only to the portal itself when co-editing runs on its own origin', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123' }))
    expect(policy['connect-src']).toEqual(["'self'"])
  })
})

describe('security headers over HTTP', () => {
  it('sends a policy with a fresh nonce per response, the same one the app renders with', async () => {
    const port = await listen()
    const [a, b] = [await get(port), await get(port)]
    const nonceA = JSON.parse(a.body).nonce as string
    const nonceB = JSON.parse(b.body).nonce as string
    expect(nonceA).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(nonceA).not.toBe(nonceB)
    expect(directives(String(a.headers['content-security-policy']))['script-src']).toEqual([
      "'self'",
      `'nonce-${nonceA}'`,
    ])
    expect(directives(String(a.headers['content-security-policy']))['connect-src']).toEqual([
      "'self'",
      'wss://collab.example.org',
    ])
    expect(a.headers['x-content-type-options']).toBe('nosniff')
  })

  it('sends HSTS only when the request came over HTTPS through the trusted proxy, never on plain http', async () => {
    let port = await listen()
    expect((await get(port)).headers['strict-transport-security']).toBeUndefined()
    // A client claiming HTTPS itself is not believed.
    expect((await get(port, { 'X-Forwarded-Proto': 'https' })).headers['strict-transport-security']).toBeUndefined()
    await new Promise<void>((resolve) => server!.close(() => resolve()))
    port = await listen('loopback')
    expect((await get(port, { 'X-Forwarded-Proto': 'https' })).headers['strict-transport-security']).toBe(HSTS)
    expect((await get(port, { 'X-Forwarded-Proto': 'http' })).headers['strict-transport-security']).toBeUndefined()
  })
})
