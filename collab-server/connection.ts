// One authenticated WebSocket in one room: decodes the y-websocket protocol (sync, awareness,
// query-awareness), enforces size and rate limits, and closes with a clear code on bad input.
import * as decoding from 'lib0/decoding'
import { type RawData, type WebSocket } from 'ws'
import * as Y from 'yjs'
import { CLOSE_CODES, MESSAGE_TOKEN } from '#core/collab/contract.ts'
import { checkRefresh, type Principal } from './auth.ts'
import { type CollabLimits } from './config.ts'
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, type Peer, type Room } from './documents.ts'
import { TokenBucket, type UserByteBudgets } from './limits.ts'
import { errorMessage, type Logger } from '#core/log.server.ts'

const SYNC_STEP1 = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2

/** RFC 6455 "message too big", what ws sends for frames above maxPayload. */
const WS_MESSAGE_TOO_BIG = 1009

class MalformedError extends Error {}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

export class Connection implements Peer {
  needsAck = false
  readonly clientIds = new Set<number>()
  alive = true
  private closed = false
  private readonly bucket: TokenBucket
  private expiryTimer: ReturnType<typeof setTimeout> | undefined
  /** While above zero, frames are kept unhandled (membership being re-checked); see hold(). */
  private holds = 0
  private held: { data: RawData; isBinary: boolean }[] = []

  constructor(
    private readonly ws: WebSocket,
    readonly principal: Principal,
    readonly room: Room,
    readonly wantsAck: boolean,
    private readonly deps: {
      limits: CollabLimits
      log: Logger
      secret: string
      onClose(connection: Connection): void
      /** Byte budgets per user, shared by all of a user's connections in this process. */
      userBytes: UserByteBudgets
      /** Start held, until the server has admitted the connection (see hold()). */
      held?: boolean
    },
  ) {
    this.bucket = new TokenBucket(deps.limits.rateBurst, deps.limits.ratePerSecond)
    if (deps.held) this.hold()
    // Frames above ws's own hard cap (maxPayload) are closed by ws itself with 1009, which the stock
    // client treats as transient: it reconnects and resends the same frame, forever. Say 4413 instead.
    const closeSocket = ws.close.bind(ws)
    ws.close = (code?: number, reason?: string | Buffer) =>
      code === WS_MESSAGE_TOO_BIG
        ? closeSocket(CLOSE_CODES.messageTooLarge, 'message too large')
        : closeSocket(code, reason)
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary))
    ws.on('pong', () => (this.alive = true))
    ws.on('error', (error) => deps.log('debug', 'socket error', { doc: room.name, error: errorMessage(error) }))
    ws.on('close', () => this.onClosed())
    this.expireAt(principal.expiresAt)
  }

  /** A connection lives as long as its token: closed at expiry unless a fresh token arrived. */
  private expireAt(expiresAt: number): void {
    clearTimeout(this.expiryTimer)
    // setTimeout's range is about 24.8 days; tokens live minutes.
    const delay = Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1)
    this.expiryTimer = setTimeout(() => this.close(CLOSE_CODES.tokenExpired, 'token expired'), delay)
    this.expiryTimer.unref()
  }

  private refreshToken(token: string): void {
    const result = checkRefresh(this.principal, token, this.deps.secret)
    if (!result.ok) return this.close(result.code, 'token refresh refused')
    this.expireAt(result.expiresAt)
  }

  /**
   * Stops handling this socket's frames until `release()`: they are kept, in order, and handled
   * afterwards, unless the connection is closed meanwhile (then they are dropped). Used while the
   * database is asked whether the user still has access, so that nothing sent once a revocation is
   * known can be stored or broadcast. Holds nest.
   */
  hold(): void {
    if (this.holds++ === 0 && !this.closed) this.ws.pause()
  }

  release(): void {
    if (this.holds === 0 || --this.holds > 0 || this.closed) return
    this.ws.resume()
    const held = this.held
    this.held = []
    for (const { data, isBinary } of held) this.onMessage(data, isBinary)
  }

  get isClosed(): boolean {
    return this.closed
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(message, (error) => {
      if (error) this.close(CLOSE_CODES.malformed, 'send failed')
    })
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.held = []
    // A held socket is paused: it would never read the client's answer to the close frame.
    if (this.ws.isPaused) this.ws.resume()
    this.deps.log('info', 'connection closed by server', {
      doc: this.room.name,
      user: this.principal.userId,
      code,
      reason,
    })
    this.ws.close(code, reason)
    // A client that does not answer the close handshake must not keep the slot.
    setTimeout(() => this.ws.terminate(), 2_000).unref()
    this.detach()
  }

  /** Pings; a connection that did not answer the previous ping is dropped. */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate()
      return
    }
    this.alive = false
    this.ws.ping()
  }

  private detached = false
  private detach(): void {
    if (this.detached) return
    this.detached = true
    clearTimeout(this.expiryTimer)
    this.room.leave(this)
    this.deps.onClose(this)
  }

  /** Access was revoked: its updates not yet sent to the database are dropped, then it is closed. */
  revoke(code: number, reason: string): void {
    if (this.closed) return
    this.room.dropQueued(this)
    this.close(code, reason)
  }

  private onClosed(): void {
    this.closed = true
    this.held = []
    this.detach()
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return
    if (this.holds > 0) {
      // ws may still emit frames it had buffered before pause(); they wait here, in order.
      this.held.push({ data, isBinary })
      return
    }
    const bytes = toBytes(data)
    if (!isBinary) return this.close(CLOSE_CODES.malformed, 'text frames are not part of the protocol')
    if (bytes.byteLength > this.deps.limits.maxMessageBytes)
      return this.close(CLOSE_CODES.messageTooLarge, 'message too large')
    if (!this.bucket.take()) return this.close(CLOSE_CODES.rateLimited, 'too many messages')
    if (!this.deps.userBytes.take(this.principal.userId, bytes.byteLength)) {
      this.deps.log('warn', 'user byte budget exceeded', {
        doc: this.room.name,
        user: this.principal.userId,
        bytes: bytes.byteLength,
      })
      return this.close(CLOSE_CODES.byteRateExceeded, 'too many bytes')
    }
    try {
      this.handle(bytes)
    } catch (error) {
      this.deps.log('warn', 'malformed message', {
        doc: this.room.name,
        user: this.principal.userId,
        error: errorMessage(error),
      })
      this.close(CLOSE_CODES.malformed, 'malformed message')
    }
  }

  private handle(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      this.expectEnd(decoder)
      if (step === SYNC_STEP1) {
        Y.decodeStateVector(payload) // validates before the doc is touched
        this.send(this.room.syncStep2For(payload))
      } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
        this.room.receiveUpdate(payload, this)
      } else {
        throw new MalformedError(`unknown sync step ${step}`)
      }
    } else if (type === MESSAGE_AWARENESS) {
      const payload = decoding.readVarUint8Array(decoder)
      this.expectEnd(decoder)
      this.room.receiveAwareness(payload, this)
    } else if (type === MESSAGE_TOKEN) {
      const token = decoding.readVarString(decoder)
      this.expectEnd(decoder)
      this.refreshToken(token)
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      const message = this.room.awarenessFor()
      if (message) this.send(message)
    } else {
      throw new MalformedError(`unknown message type ${type}`)
    }
  }

  private expectEnd(decoder: decoding.Decoder): void {
    if (decoding.hasContent(decoder)) throw new MalformedError('trailing bytes')
  }
}
