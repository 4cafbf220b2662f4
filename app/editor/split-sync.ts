// Sending edits made offline in several frames. Isomorphic.
//
// On reconnect the stock provider answers the server's state vector with one SyncStep2 frame holding
// everything the server lacks. After a long time offline that can exceed the server's frame limit,
// although every single edit is small: the server would close the socket and the session would stop.
// Instead such a frame is replaced by the edits not yet acknowledged, one update frame per group
// (PendingEdits keeps them in groups well below the limit), followed by a SyncStep2 with whatever
// the groups do not cover (deletions of others' text and anything else the server lacks).
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageYjsSyncStep2 as SYNC_STEP2, messageYjsUpdate as SYNC_UPDATE } from 'y-protocols/sync'
import * as Y from 'yjs'

/** y-websocket's message type of sync frames. */
const MESSAGE_SYNC = 0

function syncFrame(step: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The update inside a SyncStep2 frame; null for any other frame. */
function readSyncStep2(frame: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== SYNC_STEP2) return null
    return decoding.readVarUint8Array(decoder)
  } catch {
    return null
  }
}

/**
 * For each client, the clock up to which the pending groups carry the SyncStep2 update's structs.
 * The step's first clock of a client is where the server's state ends; the groups cover the client
 * only if they start there or earlier (gaps between groups are acknowledged, hence stored, edits).
 */
function coveredClocks(update: Uint8Array, pending: readonly Uint8Array[]): Map<number, number> {
  const needed = Y.parseUpdateMeta(update).from
  const { from, to } = Y.parseUpdateMeta(Y.mergeUpdates([...pending]))
  const covered = new Map<number, number>()
  for (const [client, end] of to) {
    const start = from.get(client)!
    if (start <= (needed.get(client) ?? end)) covered.set(client, end)
  }
  return covered
}

/**
 * Frames that together carry what the SyncStep2 `frame` carries: the pending local edits, oldest
 * first (each depends only on earlier ones or on what the server stored), then the rest. Null when
 * `frame` is not a SyncStep2 or there is nothing pending to split it by.
 *
 * Relies on the server having stored every edit it acknowledged: an acknowledged edit is no longer
 * pending, so only the rest (by state vector) still carries what the server may lack.
 */
export function splitSyncStep2(frame: Uint8Array, pending: readonly Uint8Array[]): Uint8Array[] | null {
  const update = readSyncStep2(frame)
  if (!update || pending.length === 0) return null
  const rest = Y.diffUpdate(update, Y.encodeStateVector(coveredClocks(update, pending)))
  return [...pending.map((group) => syncFrame(SYNC_UPDATE, group)), syncFrame(SYNC_STEP2, rest)]
}
