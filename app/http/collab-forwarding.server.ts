import { request as httpRequest, STATUS_CODES, type IncomingMessage, type Server } from 'node:http'
import { Socket } from 'node:net'
import { type Duplex } from 'node:stream'
import { COLLAB_PATH } from '#core/collab/contract.ts'
import { errorMessage, silentLogger, type Logger } from '#core/log.server.ts'
import { isFromAnotherOrigin } from '../utils/origin.server.ts'
import { fromTrustedPeer, originOf, type TrustFn } from './forwarded.server.ts'

// Co-editing on the page's own origin (ADR 052): a WebSocket upgrade on /collab/<doc>?token=… is
// forwarded to the collab-server as /<doc>?token=…, exactly what a client connecting to it directly
// would send, and the two sockets are then piped byte for byte. The collab-server stays the only
// judge of the token and speaks its own close codes to the browser; this module only decides
// whether to forward at all (path, Origin, size) and keeps a failure on either side from
// reaching the web process.

export interface CollabForwardingOptions {
  /** The collab-server as this process reaches it (COLLAB_INTERNAL_URL), e.g. http://127.0.0.1:3001. */
  target: string
  /** Other origins whose pages may open the socket (ALLOWED_ORIGINS), as for every other request. */
  allowedOrigins?: readonly string[]
  /** TRUST_PROXY as express compiled it; forwarded headers from any other peer are ignored. */
  trustProxy?: TrustFn
  log?: Logger
  /** How long the collab-server may take to answer the handshake (it loads the document first). */
  handshakeTimeoutMs?: number
}

export interface CollabForwarding {
  /** Sockets currently piped to the collab-server. */
  readonly open: number
  /** Stops forwarding and drops every piped socket (the browsers reconnect, to another process). */
  close(): void
}

/** The longest request target forwarded: a document name and a token need a few hundred bytes. */
export const MAX_TARGET_LENGTH = 4096
/** Headers of the collab-server's answer are bounded like those of any request Node parses. */
const MAX_HEADER_BYTES = 16 * 1024
const PREFIX = `${COLLAB_PATH}/`
/** What the collab-server needs from the browser's handshake; cookies and the rest stay here. */
const PASSED_HEADERS = [
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'origin',
  'user-agent',
] as const

/** Forwards `/collab/` upgrades of `server` to the collab-server; answers other upgrades 404 unless someone else listens. */
export function forwardCollabUpgrades(server: Server, options: CollabForwardingOptions): CollabForwarding {
  const target = new URL(options.target)
  const log = options.log ?? silentLogger
  const trust = options.trustProxy ?? (() => false)
  const timeoutMs = options.handshakeTimeoutMs ?? 30_000
  const pairs = new Set<Duplex>()
  let closed = false

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = req.url ?? ''
    // Another listener (Vite's HMR when it shares the port) may own another path; else nobody does.
    if (!url.startsWith(PREFIX) && server.listenerCount('upgrade') > 1) return
    socket.on('error', () => socket.destroy())
    if (!url.startsWith(PREFIX)) return refuse(socket, 404)
    if (closed) return refuse(socket, 503)
    if (url.length > MAX_TARGET_LENGTH) return refuse(socket, 414)
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') return refuse(socket, 400)
    const viaProxy = fromTrustedPeer(req, trust)
    const headers = {
      origin: req.headers.origin,
      referer: req.headers.referer,
      secFetchSite: header(req, 'sec-fetch-site'),
    }
    if (isFromAnotherOrigin(headers, originOf(req, viaProxy), options.allowedOrigins)) {
      log('info', 'collab socket from another origin refused')
      return refuse(socket, 403)
    }
    try {
      forward(req, socket, head, url.slice(COLLAB_PATH.length), viaProxy)
    } catch (error) {
      // http.request refuses what it cannot send (a path with characters Node will not write).
      log('info', 'collab socket not forwarded', { error: errorMessage(error) })
      refuse(socket, 400)
    }
  }

  function forward(req: IncomingMessage, client: Duplex, head: Buffer, path: string, viaProxy: boolean) {
    const upstream = httpRequest({
      protocol: target.protocol,
      hostname: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port || 80,
      method: 'GET',
      path,
      headers: upstreamHeaders(req, viaProxy),
      timeout: timeoutMs,
      maxHeaderSize: MAX_HEADER_BYTES,
      agent: false,
    })
    // The first of: the client leaves, the collab-server fails or answers, the deadline passes.
    let settled = false
    const settle = () => {
      if (settled) return false
      settled = true
      client.off('close', abandon)
      return true
    }
    const abandon = () => settle() && upstream.destroy()
    client.once('close', abandon)
    upstream.on('timeout', () => {
      if (!settle()) return
      log('warn', 'collab-server did not answer the handshake in time')
      upstream.destroy()
      refuse(client, 504)
    })
    upstream.on('error', (error) => {
      if (!settle()) return
      log('warn', 'collab-server unreachable', { error: errorMessage(error) })
      refuse(client, 502)
    })
    // Not a switch of protocols (a malformed handshake): pass the status on and hang up.
    upstream.on('response', (res) => {
      res.resume()
      if (settle()) refuse(client, res.statusCode ?? 502)
    })
    upstream.on('upgrade', (res, collabSocket, collabHead) => {
      if (!settle() || client.destroyed || closed) {
        collabSocket.destroy()
        client.destroy()
        return
      }
      client.write(statusLine(101) + rawHeaders(res.rawHeaders) + '\r\n')
      if (collabHead.length > 0) client.write(collabHead)
      if (head.length > 0) collabSocket.write(head)
      pipe(client, collabSocket)
    })
    upstream.end()
  }

  function pipe(client: Duplex, collabSocket: Duplex) {
    for (const socket of [client, collabSocket]) {
      if (!(socket instanceof Socket)) continue
      // Small frames (a keystroke) go out at once; the handshake's deadline no longer applies (a
      // peer that vanished is noticed by the collab-server's pings, which then closes its side).
      socket.setNoDelay(true)
      socket.setTimeout(0)
    }
    pairs.add(client)
    const teardown = () => {
      pairs.delete(client)
      endAfterFlush(client)
      endAfterFlush(collabSocket)
    }
    collabSocket.on('error', () => collabSocket.destroy())
    client.once('close', teardown)
    collabSocket.once('close', teardown)
    client.pipe(collabSocket)
    collabSocket.pipe(client)
  }

  server.on('upgrade', onUpgrade)
  return {
    get open() {
      return pairs.size
    },
    close() {
      closed = true
      server.off('upgrade', onUpgrade)
      for (const client of pairs) client.destroy()
      pairs.clear()
    },
  }
}

/** The handshake as the collab-server receives it, with where it really came from. */
function upstreamHeaders(req: IncomingMessage, viaProxy: boolean): Record<string, string> {
  const headers: Record<string, string> = { connection: 'Upgrade', upgrade: 'websocket' }
  for (const name of PASSED_HEADERS) {
    const value = header(req, name)
    if (value !== undefined) headers[name] = value
  }
  const peer = req.socket.remoteAddress ?? 'unknown'
  const earlier = viaProxy ? header(req, 'x-forwarded-for') : undefined
  headers['x-forwarded-for'] = earlier ? `${earlier}, ${peer}` : peer
  const origin = new URL(originOf(req, viaProxy))
  headers['x-forwarded-proto'] = origin.protocol.slice(0, -1)
  headers['x-forwarded-host'] = origin.host
  return headers
}

/** One header's value; a repeated one (never legitimate in a handshake) is joined as HTTP allows. */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`
}

function rawHeaders(raw: string[]): string {
  let text = ''
  for (let i = 0; i + 1 < raw.length; i += 2) text += `${raw[i]}: ${raw[i + 1]}\r\n`
  return text
}

/** Answers an upgrade that is not forwarded with a plain HTTP status, then hangs up. */
function refuse(socket: Duplex, status: number) {
  if (socket.destroyed || !socket.writable) return void socket.destroy()
  const body = `${STATUS_CODES[status] ?? 'Refused'}\n`
  socket.end(
    statusLine(status) +
      `Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body,
  )
  socket.once('finish', () => socket.destroy())
}

/** Ends a socket once what was written to it has gone out (a close frame must reach the browser). */
function endAfterFlush(socket: Duplex) {
  if (socket.destroyed) return
  if (socket.writableFinished) return void socket.destroy()
  socket.once('finish', () => socket.destroy())
  socket.end()
  // A peer that stops reading must not keep the socket forever.
  setTimeout(() => socket.destroy(), 10_000).unref()
}
