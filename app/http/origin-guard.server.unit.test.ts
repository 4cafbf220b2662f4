import http from 'node:http'
import { type AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { requestOrigin, trustedForwarding } from './forwarded.server.ts'
import { crossOriginGuard } from './origin-guard.server.ts'

// Real HTTP requests through the same middleware app/server.ts mounts.
let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function listen(trustProxy?: string): Promise<number> {
  const app = express()
  app.use(trustedForwarding(app, trustProxy))
  app.use(crossOriginGuard(['https://extra.example']))
  app.all('*', (req, res) => {
    res.json({
      origin: requestOrigin(req),
      forwardedHost: req.get('x-forwarded-host') ?? null,
      clientIp: req.get('x-client-ip'),
    })
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server!.once('listening', resolve))
  return (server!.address() as AddressInfo).port
}

function post(port: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/login', headers }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

const viaProxy = {
  'X-Forwarded-Host': 'portal.example.org',
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-For': '198.51.100.7',
}

describe('cross-origin guard over HTTP, without a proxy', () => {
  it('accepts the exact origin the request came to', async () => {
    const port = await listen()
    const reply = await post(port, { Origin: `http://127.0.0.1:${port}` })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ origin: `http://127.0.0.1:${port}` })
  })

  it('refuses the same host under another scheme or port', async () => {
    const port = await listen()
    expect((await post(port, { Origin: `https://127.0.0.1:${port}` })).status).toBe(403)
    expect((await post(port, { Origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403)
    expect((await post(port, { Origin: 'http://127.0.0.1' })).status).toBe(403)
    expect((await post(port, { Referer: `https://127.0.0.1:${port}/login` })).status).toBe(403)
  })

  it('ignores forwarded headers from a client: they can neither pass the check nor reach the app', async () => {
    const port = await listen()
    expect((await post(port, { ...viaProxy, Origin: 'https://portal.example.org' })).status).toBe(403)
    const reply = await post(port, { ...viaProxy, Origin: `http://127.0.0.1:${port}` })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({
      origin: `http://127.0.0.1:${port}`,
      forwardedHost: null,
      clientIp: '127.0.0.1',
    })
  })

  it('accepts a configured extra origin', async () => {
    const port = await listen()
    expect((await post(port, { Origin: 'https://extra.example' })).status).toBe(200)
  })
})

describe('cross-origin guard over HTTP, behind a trusted proxy', () => {
  it('believes the proxy about host and scheme when the request came through it', async () => {
    const port = await listen('loopback')
    const reply = await post(port, { ...viaProxy, Origin: 'https://portal.example.org' })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({
      origin: 'https://portal.example.org',
      forwardedHost: 'portal.example.org',
      clientIp: '198.51.100.7',
    })
    expect((await post(port, { ...viaProxy, Origin: 'http://portal.example.org' })).status).toBe(403)
  })

  it('does not believe the same headers from an address that is not the proxy', async () => {
    const port = await listen('10.0.0.1')
    expect((await post(port, { ...viaProxy, Origin: 'https://portal.example.org' })).status).toBe(403)
    const reply = await post(port, { ...viaProxy, Origin: `http://127.0.0.1:${port}` })
    expect(JSON.parse(reply.body)).toEqual({
      origin: `http://127.0.0.1:${port}`,
      forwardedHost: null,
      clientIp: '127.0.0.1',
    })
  })
})
