import http from 'node:http'
import { type AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { CLOSE_CODES, docName } from '#core/collab/contract.ts'
import { connect, startServer, token, waitFor, type TestClient } from '#collab/test-utils.ts'
import { forwardCollabUpgrades, type CollabForwardingOptions } from '#app/http/collab-forwarding.server.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'

// The web process's forwarding of /collab/ sockets (ADR 052), in front of a real collab-server:
// a stock y-websocket client co-edits through it as it would directly, and nothing it is refused
// or loses (a bad path, a foreign page, a collab-server that is gone) takes the web server down.

let collab: Awaited<ReturnType<typeof startServer>>
const clients: TestClient[] = []
const servers: http.Server[] = []

beforeAll(async () => {
  collab = await startServer()
})
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy())
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections()
      return new Promise((resolve) => s.close(resolve))
    }),
  )
})
afterAll(() => collab.stop())

const listening = async (server: http.Server) => {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** A web server as app/server.ts makes it: pages over HTTP, /collab/ sockets forwarded. */
async function webServer(options: Partial<CollabForwardingOptions> = {}) {
  const server = http.createServer((_req, res) => res.end('a page'))
  const forwarding = forwardCollabUpgrades(server, { target: `http://127.0.0.1:${collab.port}`, ...options })
  const port = await listening(server)
  return { port, forwarding, origin: `http://127.0.0.1:${port}`, collabUrl: `ws://127.0.0.1:${port}/collab` }
}

async function team() {
  const lead = await createUser(collab.db)
  const plan = await createPlan(collab.db, lead.id)
  const coauthor = await createUser(collab.db, { constituency: 'workers' })
  await addMember(collab.db, plan.id, coauthor.id, 'coauthor', lead.id)
  return { lead, coauthor, name: docName({ planId: plan.id, substep: '1.1' }) }
}

const open = (...args: Parameters<typeof connect>) => {
  const client = connect(...args)
  clients.push(client)
  return client
}

/** How a raw handshake ends: opened (then closed by us), or refused with an HTTP status. */
function handshake(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.on('open', () => {
      ws.close()
      resolve('open')
    })
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      res.resume()
      ws.terminate()
    })
    ws.on('error', (error) => reject(error))
  })
}

function getPage(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/' }, (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve(body))
      })
      .on('error', reject)
  })
}

describe('forwarding /collab/ sockets to the collab-server', () => {
  it('lets a stock y-websocket client co-edit through it with one connected directly, acknowledgements included', async () => {
    const web = await webServer()
    const { lead, coauthor, name } = await team()
    // `saved=1` beside the token: the whole query string reaches the collab-server.
    const forwarded = open(web.collabUrl, name, token(lead.id, name, 'rw'), { ack: true })
    const direct = open(collab.url, name, token(coauthor.id, name, 'rw'))
    await Promise.all([forwarded.synced(), direct.synced()])
    forwarded.text.insert(0, 'through the web process')
    await waitFor(() => direct.text.toString() === 'through the web process')
    direct.text.insert(0, 'straight back: ')
    await waitFor(() => forwarded.text.toString() === 'straight back: through the web process')
    await waitFor(() => forwarded.lastAck !== null)
    expect(web.forwarding.open).toBe(1)
  })

  it('passes the collab-server’s own close codes to the client', async () => {
    const web = await webServer()
    const { lead, name } = await team()
    const stale = open(web.collabUrl, name, token(lead.id, name, 'rw', Date.now() - 3_600_000), { reconnect: false })
    expect(await stale.closed()).toBe(CLOSE_CODES.unauthorized)
  })

  it('refuses other paths and other upgrades without asking the collab-server', async () => {
    const web = await webServer()
    const before = collab.server.stats().connections
    expect(await handshake(`ws://127.0.0.1:${web.port}/other/plan.x`)).toBe(404)
    expect(await handshake(`ws://127.0.0.1:${web.port}/collabx/plan.x`)).toBe(404)
    expect(await handshake(`ws://127.0.0.1:${web.port}/collab/${'x'.repeat(5000)}`)).toBe(414)
    expect(collab.server.stats().connections).toBe(before)
    expect(await getPage(web.port)).toBe('a page')
  })

  it('leaves other paths to another upgrade listener (Vite’s HMR socket in development)', async () => {
    const web = await webServer()
    const hmr = new WebSocketServer({ noServer: true })
    servers[0]!.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/hmr')) hmr.handleUpgrade(req, socket, head, () => {})
    })
    expect(await handshake(`ws://127.0.0.1:${web.port}/hmr`)).toBe('open')
    hmr.close()
  })

  it('refuses a page of another origin, and accepts the portal’s own pages and allowed origins', async () => {
    const web = await webServer({ allowedOrigins: ['https://portal.example.org'] })
    const { lead, name } = await team()
    const url = () => `${web.collabUrl}/${name}?token=${token(lead.id, name, 'rw')}`
    expect(await handshake(url(), { origin: 'http://attacker.example' })).toBe(403)
    expect(await handshake(url(), { origin: 'null' })).toBe(403)
    // Another port of the same host is another origin.
    expect(await handshake(url(), { origin: `http://127.0.0.1:${collab.port}` })).toBe(403)
    expect(await handshake(url(), { 'sec-fetch-site': 'cross-site' })).toBe(403)
    expect(await handshake(url(), { origin: web.origin })).toBe('open')
    expect(await handshake(url(), { origin: 'https://portal.example.org' })).toBe('open')
    // Without Origin: not a browser, which no page can make connect; the token is the guard.
    expect(await handshake(url())).toBe('open')
  })

  it('believes a forwarded host only from the trusted proxy', async () => {
    const trusted = await webServer({ trustProxy: () => true })
    const untrusted = await webServer()
    const { lead, name } = await team()
    const path = `/collab/${name}?token=${token(lead.id, name, 'rw')}`
    const viaProxy = {
      origin: 'https://portal.example.org',
      'x-forwarded-host': 'portal.example.org',
      'x-forwarded-proto': 'https',
    }
    expect(await handshake(`ws://127.0.0.1:${trusted.port}${path}`, viaProxy)).toBe('open')
    expect(await handshake(`ws://127.0.0.1:${untrusted.port}${path}`, viaProxy)).toBe(403)
  })

  it('sends the collab-server the path without /collab, the query, and who really asked, but not the cookies', async () => {
    const seen: http.IncomingHttpHeaders[] = []
    const paths: string[] = []
    // A stand-in that records the handshake and refuses it, which the client must hear.
    const recorder = http.createServer()
    recorder.on('upgrade', (req, socket) => {
      seen.push(req.headers)
      paths.push(req.url ?? '')
      socket.end("HTTP/1.1 418 I'm a Teapot\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
    })
    const target = `http://127.0.0.1:${await listening(recorder)}`
    const spoofed = { cookie: 'scp_session=secret', 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' }
    const direct = await webServer({ target })
    expect(await handshake(`${direct.collabUrl}/plan.x.narrative?token=t%2Bu&saved=1`, spoofed)).toBe(418)
    const behindProxy = await webServer({ target, trustProxy: () => true })
    expect(await handshake(`${behindProxy.collabUrl}/plan.x.narrative?token=t`, spoofed)).toBe(418)
    expect(paths).toEqual(['/plan.x.narrative?token=t%2Bu&saved=1', '/plan.x.narrative?token=t'])
    expect(seen[0]).toMatchObject({ 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', upgrade: 'websocket' })
    expect(seen[1]).toMatchObject({ 'x-forwarded-for': '203.0.113.9, 127.0.0.1', 'x-forwarded-proto': 'https' })
    expect(seen.map((headers) => headers.cookie)).toEqual([undefined, undefined])
    expect(seen[0]!['sec-websocket-key']).toMatch(/^[A-Za-z0-9+/]{22}==$/)
  })

  it('answers 502 while the collab-server is down and keeps serving pages', async () => {
    const gone = http.createServer()
    const gonePort = await listening(gone)
    await new Promise((resolve) => gone.close(resolve))
    const web = await webServer({ target: `http://127.0.0.1:${gonePort}` })
    const { lead, name } = await team()
    const client = open(web.collabUrl, name, token(lead.id, name, 'rw'), { reconnect: false })
    await client.closed()
    expect(client.provider.wsconnected).toBe(false)
    expect(await handshake(`${web.collabUrl}/${name}?token=x`)).toBe(502)
    expect(await getPage(web.port)).toBe('a page')
  })

  it('answers 504 when the collab-server takes the connection but never answers the handshake', async () => {
    const silent = http.createServer()
    // Holds the socket and says nothing, until the web process gives up and hangs up.
    silent.on('upgrade', (_req, socket) => socket.on('end', () => socket.destroy()))
    const web = await webServer({ target: `http://127.0.0.1:${await listening(silent)}`, handshakeTimeoutMs: 200 })
    expect(await handshake(`${web.collabUrl}/plan.x.narrative?token=t`)).toBe(504)
    expect(await getPage(web.port)).toBe('a page')
  })

  it('closes the client’s socket when the collab-server stops, and keeps serving pages', async () => {
    const own = await startServer()
    try {
      const web = await webServer({ target: `http://127.0.0.1:${own.port}` })
      const { lead, name } = await team()
      const client = open(web.collabUrl, name, token(lead.id, name, 'rw'), { reconnect: false })
      await client.synced()
      const closed = client.closed()
      await own.stop()
      expect(await closed).toBe(CLOSE_CODES.serverShutdown)
      await waitFor(() => web.forwarding.open === 0)
      expect(await getPage(web.port)).toBe('a page')
    } finally {
      await own.stop().catch(() => {})
    }
  })

  it('drops its sockets when the web process stops forwarding', async () => {
    const web = await webServer()
    const { lead, name } = await team()
    const client = open(web.collabUrl, name, token(lead.id, name, 'rw'), { reconnect: false })
    await client.synced()
    const closed = client.closed()
    web.forwarding.close()
    await closed
    expect(web.forwarding.open).toBe(0)
    await waitFor(() => collab.server.stats().connections === 0)
  })
})
