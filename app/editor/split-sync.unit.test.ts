import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { GROUP_BYTES, PendingEdits } from './pending-edits.ts'
import { splitSyncStep2 } from './split-sync.ts'

const REMOTE = Symbol('provider')

/** What the stock provider sends in reply to the server's SyncStep1: everything the server lacks. */
function syncStep2Frame(local: Y.Doc, server: Y.Doc): Uint8Array {
  return syncFrame(1, Y.encodeStateAsUpdate(local, Y.encodeStateVector(server)))
}

function syncFrame(step: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Applies frames as the server does: sync step 2 and update frames carry one update each. */
function receive(server: Y.Doc, frames: Uint8Array[]) {
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame)
    expect(decoding.readVarUint(decoder)).toBe(0)
    expect([1, 2]).toContain(decoding.readVarUint(decoder))
    Y.applyUpdate(server, decoding.readVarUint8Array(decoder), REMOTE)
  }
}

function offlineEdits() {
  const server = new Y.Doc()
  server.getText('t').insert(0, 'stored before going offline. ')
  const local = new Y.Doc()
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server), REMOTE)
  const pending = new PendingEdits(local, (origin) => origin === REMOTE)
  const paragraph = 'offline words '.repeat(2_000) // 28 KB per edit
  for (let i = 0; i < 60; i++) local.getText('t').insert(local.getText('t').length, paragraph)
  local.getText('t').delete(0, 6) // a deletion of text the server stored earlier
  return { server, local, pending }
}

describe('splitSyncStep2', () => {
  it('replaces a SyncStep2 above the limit by frames below it that give the server the same document', () => {
    const { server, local, pending } = offlineEdits()
    const frame = syncStep2Frame(local, server)
    expect(frame.byteLength).toBeGreaterThan(1024 * 1024)
    const parts = splitSyncStep2(frame, pending.updates)!
    expect(parts.length).toBeGreaterThan(2)
    for (const part of parts) expect(part.byteLength).toBeLessThanOrEqual(GROUP_BYTES + 1024)
    receive(server, parts)
    expect(server.getText('t').toString()).toBe(local.getText('t').toString())
    expect(server.getText('t').toString().startsWith(' before going offline. offline words')).toBe(true)
  })

  it('keeps what the server lacks beyond the pending edits (a peer edit it never stored) in the last frame', () => {
    const { server, local, pending } = offlineEdits()
    const peer = new Y.Doc()
    peer.getText('t').insert(0, 'from a peer that reached us, not the server. ')
    Y.applyUpdate(local, Y.encodeStateAsUpdate(peer), REMOTE)
    const parts = splitSyncStep2(syncStep2Frame(local, server), pending.updates)!
    receive(server, parts)
    expect(server.getText('t').toString()).toBe(local.getText('t').toString())
  })

  it('only splits SyncStep2 frames, and only when there are pending edits', () => {
    const { server, local, pending } = offlineEdits()
    expect(splitSyncStep2(syncFrame(2, Y.encodeStateAsUpdate(local)), pending.updates)).toBeNull()
    expect(splitSyncStep2(Uint8Array.of(1, 0), pending.updates)).toBeNull()
    expect(splitSyncStep2(syncStep2Frame(local, server), [])).toBeNull()
  })
})
