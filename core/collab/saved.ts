// Client helpers for the server's "saved" acknowledgement (see docs/collaboration.md). Isomorphic.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MESSAGE_SAVED } from './contract.ts'

/** Encodes the acknowledgement frame the server sends after a durable write. */
export function encodeSavedMessage(snapshot: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SAVED)
  encoding.writeVarUint8Array(encoder, snapshot)
  return encoding.toUint8Array(encoder)
}

/** Reads the snapshot from a frame's payload (the decoder is positioned after the message type). */
export function readSavedMessage(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder)
}

/**
 * Whether every insertion and deletion in `doc` is contained in the last acknowledged server
 * snapshot, i.e. nothing local is waiting to be stored. False when nothing was acknowledged yet.
 * Deletions matter: they do not advance a state vector, which is why the ack is a full snapshot.
 */
export function isEverythingSaved(doc: Y.Doc, ackedSnapshot: Uint8Array | null): boolean {
  if (!ackedSnapshot) return false
  const snapshot = Y.decodeSnapshot(ackedSnapshot)
  const local = Y.encodeStateVector(doc)
  for (const [client, clock] of Y.decodeStateVector(local)) {
    if ((snapshot.sv.get(client) ?? 0) < clock) return false
  }
  return Y.snapshotContainsUpdate(snapshot, Y.encodeStateAsUpdate(doc))
}
