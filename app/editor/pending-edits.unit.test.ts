import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { GROUP_BYTES, PendingEdits } from './pending-edits.ts'

const REMOTE = Symbol('provider')

function setup() {
  const server = new Y.Doc()
  const local = new Y.Doc()
  const pending = new PendingEdits(local, (origin) => origin === REMOTE)
  /** The server stores what the local doc sent and acknowledges with a snapshot. */
  const store = () => Y.applyUpdate(server, Y.encodeStateAsUpdate(local, Y.encodeStateVector(server)))
  const ack = () => pending.acknowledge(Y.encodeSnapshot(Y.snapshot(server)))
  return { server, local, pending, store, ack }
}

describe('PendingEdits', () => {
  it('counts local edits as unsaved until an acknowledgement covers them', () => {
    const { local, pending, store, ack } = setup()
    expect(pending.hasUnsaved).toBe(false)
    expect(pending.hasAcknowledgement).toBe(false)
    local.getText('t').insert(0, 'hello')
    expect(pending.hasUnsaved).toBe(true)
    ack() // an acknowledgement from before the edit was stored
    expect(pending.hasUnsaved).toBe(true)
    expect(pending.hasAcknowledgement).toBe(true)
    store()
    ack()
    expect(pending.hasUnsaved).toBe(false)
  })

  it('treats a deletion as unsaved until stored, although it does not move the state vector', () => {
    const { local, pending, store, ack } = setup()
    local.getText('t').insert(0, 'hello')
    store()
    ack()
    local.getText('t').delete(0, 2)
    expect(pending.hasUnsaved).toBe(true)
    ack()
    expect(pending.hasUnsaved).toBe(true)
    store()
    ack()
    expect(pending.hasUnsaved).toBe(false)
  })

  it('ignores edits that came from the server, even before any acknowledgement mentions them', () => {
    const { local, pending } = setup()
    const peer = new Y.Doc()
    peer.getText('t').insert(0, 'from a peer')
    Y.applyUpdate(local, Y.encodeStateAsUpdate(peer), REMOTE)
    expect(pending.hasUnsaved).toBe(false)
  })

  it('keeps many small edits bounded and still tracks them exactly', () => {
    const { local, pending, store, ack } = setup()
    for (let i = 0; i < 200; i++) local.getText('t').insert(i, 'x')
    expect(pending.hasUnsaved).toBe(true)
    store()
    ack()
    expect(pending.hasUnsaved).toBe(false)
  })

  it('notifies subscribers when the state changes', () => {
    const { local, pending, store, ack } = setup()
    let calls = 0
    pending.subscribe(() => calls++)
    local.getText('t').insert(0, 'a')
    store()
    ack()
    expect(calls).toBe(2)
    pending.dispose()
    local.getText('t').insert(0, 'b')
    expect(calls).toBe(2)
  })
})

describe('PendingEdits groups', () => {
  it('merges many small edits into groups that stay below GROUP_BYTES, oldest first', () => {
    const { local, pending, server } = setup()
    for (let i = 0; i < 400; i++) local.getText('t').insert(local.getText('t').length, `line ${i} `.padEnd(4_000, '.'))
    expect(pending.updates.length).toBeLessThan(400)
    expect(pending.updates.length).toBeGreaterThan(4)
    for (const group of pending.updates) expect(group.byteLength).toBeLessThanOrEqual(GROUP_BYTES)
    for (const group of pending.updates) Y.applyUpdate(server, group)
    expect(server.getText('t').toString()).toBe(local.getText('t').toString())
  })
})
