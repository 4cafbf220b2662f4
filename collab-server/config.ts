// Tunables of the collab-server, with production defaults. Tests and the benchmark override some.
import {
  MAX_DOCUMENT_BYTES,
  MAX_MESSAGE_BYTES,
  USER_BYTES_BURST,
  USER_BYTES_PER_SECOND,
} from '#core/collab/contract.ts'

export interface CollabLimits {
  /** Largest accepted frame; bigger ones close the socket with messageTooLarge. */
  maxMessageBytes: number
  /** Token bucket per connection: burst size and refill per second, in messages. */
  rateBurst: number
  ratePerSecond: number
  maxConnectionsPerUser: number
  maxDocumentsPerUser: number
  /** Cap on a document's encoded size; an update that would pass it closes with documentTooLarge. */
  maxDocumentBytes: number
  /** Token bucket per user (all their connections in this process), in bytes received. */
  userBytesBurst: number
  userBytesPerSecond: number
}

export interface CollabTimings {
  /** A document with no connection stays loaded this long, then is compacted and unloaded. */
  idleUnloadMs: number
  /** Compaction runs this long after the last stored update, or at the latest after compactMaxWaitMs. */
  compactDebounceMs: number
  compactMaxWaitMs: number
  /** Compact at once when this many log rows wait. */
  compactMaxTail: number
  /** How long a failing write is retried before the affected sockets are closed. */
  storageRetryMs: number
  /** Minimum interval between two "saved" acknowledgements of one document. */
  ackIntervalMs: number
  /** Interval of WebSocket pings; a connection that missed one is dropped. */
  pingIntervalMs: number
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxMessageBytes: MAX_MESSAGE_BYTES,
  rateBurst: 2_000,
  ratePerSecond: 1_000,
  maxConnectionsPerUser: 30,
  maxDocumentsPerUser: 30,
  maxDocumentBytes: MAX_DOCUMENT_BYTES,
  userBytesBurst: USER_BYTES_BURST,
  userBytesPerSecond: USER_BYTES_PER_SECOND,
}

export const DEFAULT_TIMINGS: CollabTimings = {
  idleUnloadMs: 10_000,
  compactDebounceMs: 2_000,
  compactMaxWaitMs: 10_000,
  compactMaxTail: 500,
  storageRetryMs: 3_000,
  ackIntervalMs: 20,
  pingIntervalMs: 30_000,
}
