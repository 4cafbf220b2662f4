// createCollabServer(deps): the HTTP server and WebSocket upgrade routing. No side effects at import.
// An upgrade is authenticated and its document fully loaded before the socket is accepted; refusals
// complete the handshake and close at once with a code from CLOSE_CODES, so that browser clients
// (which never see HTTP statuses of failed upgrades) learn why.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { type Duplex } from 'node:stream'
import { type Kysely } from 'kysely'
import { WebSocketServer } from 'ws'
import { CLOSE_CODES } from '#core/collab/contract.ts'
import { type DB } from '#db/types.ts'
import { authenticate, currentMode, modeCovers, type AuthResult, type Mode } from './auth.ts'
import { DEFAULT_LIMITS, DEFAULT_TIMINGS, type CollabLimits, type CollabTimings } from './config.ts'
import { Connection } from './connection.ts'
import { UserByteBudgets, UserQuota } from './limits.ts'
import { errorMessage, silentLogger, type Logger } from '#core/log.server.ts'
import { LatencyRecorder } from './metrics.ts'
import { DocumentNotFoundError } from './persistence.ts'
import { Fanout } from './fanout.ts'
import { listenForRevocations, type RevocationListener } from './revocation.ts'
import { inlineRenderer, WorkerRenderer } from './render-pool.ts'
import { Rooms } from './rooms.ts'
import { UpdateLog } from './update-log.ts'

export interface CollabServerDeps {
  /** Its connections' application_name must be `instanceName` (createDb's applicationName). */
  db: Kysely<DB>
  /** For the dedicated LISTEN connections (revocations, fan-out between instances). */
  databaseUrl: string
  /** This instance among those sharing the database (newInstanceName()). */
  instanceName: string
  secret: string
  log?: Logger
  limits?: Partial<CollabLimits>
  timings?: Partial<CollabTimings>
  /** Serve GET /stats (memory, rooms, connections); for the benchmark and operators. */
  exposeStats?: boolean
  /** Compact on the main thread instead of a worker thread (for measurements). */
  renderInline?: boolean
}

export interface CollabServer {
  listen(port: number, host?: string): Promise<number>
  /** Stops accepting, stores everything queued, compacts, closes sockets with serverShutdown. */
  close(): Promise<void>
  stats(): { rooms: number; connections: number }
  /** Resolves once the render worker has loaded (compactions before then wait for it). */
  renderReady(): Promise<void>
  /** Whether a document is loaded in memory right now. */
  isLoaded(docName: string): boolean
  http: Server
}

export function createCollabServer(deps: CollabServerDeps): CollabServer {
  const log = deps.log ?? silentLogger
  const limits = { ...DEFAULT_LIMITS, ...deps.limits }
  const timings = { ...DEFAULT_TIMINGS, ...deps.timings }
  const writeLatency = new LatencyRecorder()
  const commitLatency = new LatencyRecorder()
  // Compaction merges and renders in a worker thread, off the event loop that relays messages.
  const renderer = deps.renderInline ? inlineRenderer : new WorkerRenderer(log)
  // Other instances on the same database hear of every stored update and presence change (ADR 051).
  const fanout = new Fanout({ db: deps.db, databaseUrl: deps.databaseUrl, instanceName: deps.instanceName, log })
  const rooms = new Rooms({
    db: deps.db,
    updateLog: new UpdateLog(deps.db, commitLatency),
    writeLatency,
    log,
    timings,
    renderer,
    maxDocumentBytes: limits.maxDocumentBytes,
    cluster: fanout,
  })
  const quota = new UserQuota(limits.maxConnectionsPerUser, limits.maxDocumentsPerUser)
  const userBytes = new UserByteBudgets(limits.userBytesBurst, limits.userBytesPerSecond)
  const connections = new Set<Connection>()
  let shuttingDown = false
  let revocations: RevocationListener | null = null
  let warm: Promise<void> = Promise.resolve()

  const stats = () => ({ rooms: rooms.size, connections: connections.size })
  // For /stats: how late the event loop ran (a saturated server shows it here first).
  const loopDelay = monitorEventLoopDelay({ resolution: 5 })
  if (deps.exposeStats) loopDelay.enable()
  const http = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (path === '/healthz') {
      res
        .writeHead(shuttingDown ? 503 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: !shuttingDown }))
    } else if (path === '/stats' && deps.exposeStats) {
      // ?gc=1 under node --expose-gc: memory after a full collection (the benchmark's per-document figure).
      if (new URLSearchParams(req.url?.split('?')[1]).get('gc') === '1') globalThis.gc?.()
      const eventLoopDelayMs = {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      }
      const body = {
        ...stats(),
        writeLatencyMs: writeLatency.summary(),
        commitLatencyMs: commitLatency.summary(),
        eventLoopDelayMs,
        memory: process.memoryUsage(),
      }
      if (req.url?.endsWith('?reset=1')) {
        writeLatency.reset()
        commitLatency.reset()
        loopDelay.reset()
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    } else {
      res.writeHead(404).end()
    }
  })
  // The hard cap only bounds memory; frames between maxMessageBytes and it get our own close code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes * 2, perMessageDeflate: false })

  function refuse(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string) {
    if (socket.destroyed) return
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason))
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => {})
    if (shuttingDown) return refuse(req, socket, head, CLOSE_CODES.serverShutdown, 'shutting down')
    let auth: AuthResult
    try {
      auth = await authenticate(deps.db, req.url, deps.secret)
    } catch (error) {
      log('warn', 'authentication failed', { error: errorMessage(error) })
      return refuse(req, socket, head, CLOSE_CODES.loadFailed, 'database unavailable')
    }
    if (!auth.ok) {
      log('info', 'connection refused', { code: auth.code, reason: auth.reason })
      return refuse(req, socket, head, auth.code, auth.reason)
    }
    const { principal, wantsAck } = auth
    if (!quota.tryAcquire(principal.userId, principal.docName)) {
      return refuse(req, socket, head, CLOSE_CODES.tooManyConnections, 'too many connections')
    }
    let room
    try {
      room = await rooms.acquire(principal.docName, principal.ref)
    } catch (error) {
      quota.release(principal.userId, principal.docName)
      const notFound = error instanceof DocumentNotFoundError
      log('error', 'document load failed', { doc: principal.docName, error: errorMessage(error) })
      return refuse(
        req,
        socket,
        head,
        notFound ? CLOSE_CODES.documentNotFound : CLOSE_CODES.loadFailed,
        notFound ? 'no such document' : 'load failed',
      )
    }
    if (socket.destroyed || shuttingDown) {
      room.unreserve()
      quota.release(principal.userId, principal.docName)
      return refuse(req, socket, head, CLOSE_CODES.serverShutdown, 'shutting down')
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, principal, room, wantsAck, {
        limits,
        log,
        secret: deps.secret,
        userBytes,
        held: true,
        onClose: (c) => {
          connections.delete(c)
          quota.release(c.principal.userId, c.principal.docName)
        },
      })
      connections.add(connection)
      void admit(connection)
    })
  }

  // authenticate() read the database before the connection was registered; a revocation committed
  // after that read was notified to no one who knew this connection. Reading again now that it is
  // registered closes the gap: a later revocation finds it in `connections`. Until this answer the
  // connection is held (nothing it sends is handled) and has not joined the room.
  async function admit(connection: Connection) {
    const { principal, room } = connection
    let mode: Mode | null
    try {
      mode = await currentMode(deps.db, principal.userId, principal.ref.planId)
    } catch (error) {
      log('warn', 'permission check after registration failed', { error: errorMessage(error) })
      room.unreserve()
      return connection.close(CLOSE_CODES.loadFailed, 'database unavailable')
    }
    if (connection.isClosed) return room.unreserve()
    if (!modeCovers(mode, principal.mode)) {
      room.unreserve()
      log('info', 'connection refused after registration', { doc: principal.docName, user: principal.userId })
      return connection.close(CLOSE_CODES.permissionChanged, 'permission changed')
    }
    room.join(connection)
    connection.release()
    log('info', 'connected', { doc: principal.docName, user: principal.userId, mode: principal.mode })
  }

  http.on('upgrade', (req, socket, head) => void onUpgrade(req, socket, head))

  // Re-checks open connections against the database; those that lost their mode are closed. They are
  // held from the moment the change is known until the database answers, so that nothing they send
  // meanwhile is stored or broadcast; a revoked one's updates still waiting to be stored are dropped.
  // A read-only connection that may now write (the plan is back in draft, the person was made a
  // co-author) is closed too, with modeUpgraded, so that the editor reconnects read-write at once
  // instead of at its next token refresh (ADR 009). It has nothing unstored: it could not write.
  async function recheck(filter: (c: Connection) => boolean) {
    const targets = [...connections].filter((c) => !c.isClosed && filter(c))
    for (const c of targets) c.hold()
    const cache = new Map<string, Promise<Mode | null>>()
    await Promise.all(
      targets.map(async (c) => {
        const key = `${c.principal.userId}:${c.principal.ref.planId}`
        if (!cache.has(key)) cache.set(key, currentMode(deps.db, c.principal.userId, c.principal.ref.planId))
        try {
          const mode = await cache.get(key)!
          if (!modeCovers(mode, c.principal.mode)) c.revoke(CLOSE_CODES.permissionChanged, 'permission changed')
          else if (mode !== c.principal.mode) c.close(CLOSE_CODES.modeUpgraded, 'more access granted')
          else c.release()
        } catch (error) {
          // Unknown is not granted: the client reconnects and is checked afresh.
          log('warn', 'permission re-check failed', { error: errorMessage(error) })
          c.revoke(CLOSE_CODES.loadFailed, 'permission re-check failed')
        }
      }),
    )
  }

  const heartbeat = setInterval(() => {
    connections.forEach((c) => c.heartbeat())
    userBytes.prune()
  }, timings.pingIntervalMs)
  heartbeat.unref()

  return {
    http,
    stats,
    isLoaded: (name) => rooms.has(name),
    renderReady: () => warm,
    async listen(port, host = '127.0.0.1') {
      revocations = listenForRevocations({
        databaseUrl: deps.databaseUrl,
        log,
        onChange: (userId, planId) => {
          log('debug', 'membership changed', { user: userId, plan: planId })
          void recheck(
            (c) => (!userId || c.principal.userId === userId) && (!planId || c.principal.ref.planId === planId),
          )
        },
        onResync: () => void recheck(() => true),
      })
      // Heard before the first client is served: a row stored by another instance after this
      // instance read a document is then always announced to it.
      await fanout.start(rooms)
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject)
        http.listen(port, host, () => resolve())
      })
      await revocations.ready
      warm = renderer
        .warmUp()
        .catch((error: unknown) => log('warn', 'render worker warm-up failed', { error: errorMessage(error) }))
      const address = http.address()
      return typeof address === 'object' && address ? address.port : port
    },
    async close() {
      if (shuttingDown) return
      shuttingDown = true
      clearInterval(heartbeat)
      loopDelay.disable()
      const closed = new Promise<void>((resolve) => http.close(() => resolve()))
      await Promise.all(rooms.all().map((room) => room.unload(CLOSE_CODES.serverShutdown)))
      for (const c of connections) c.close(CLOSE_CODES.serverShutdown, 'shutting down')
      wss.close()
      http.closeAllConnections()
      await revocations?.stop()
      await fanout.stop()
      await renderer.close()
      await closed
    },
  }
}
