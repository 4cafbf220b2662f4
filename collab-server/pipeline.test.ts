// The room's pipelined group commit, with an update log whose INSERTs the test completes by hand:
// broadcast order, "stored before broadcast" and refusal when storage fails.
import { type Kysely } from 'kysely'
import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type DB } from '#db/types.ts'
import { type Principal } from './auth.ts'
import { DEFAULT_LIMITS, DEFAULT_TIMINGS } from './config.ts'
import { Room, type Peer } from './documents.ts'
import { silentLogger } from '#core/log.server.ts'
import { LatencyRecorder } from './metrics.ts'
import { inlineRenderer } from './render-pool.ts'
import { type UpdateLog } from './update-log.ts'

interface Insert {
  update: Uint8Array
  commit(): void
  fail(): void
}

function setup() {
  const inserts: Insert[] = []
  const updateLog = {
    append: (_doc: string, update: Uint8Array) =>
      new Promise<void>((resolve, reject) =>
        inserts.push({ update, commit: resolve, fail: () => reject(new Error('database gone')) }),
      ),
  } as unknown as UpdateLog
  const timings = { ...DEFAULT_TIMINGS, compactDebounceMs: 60_000, compactMaxWaitMs: 60_000, storageRetryMs: 0 }
  const room = new Room('plan.test.narrative', new Y.Doc(), 0, {
    db: {} as Kysely<DB>,
    updateLog,
    writeLatency: new LatencyRecorder(),
    log: silentLogger,
    timings,
    renderer: inlineRenderer,
    maxDocumentBytes: DEFAULT_LIMITS.maxDocumentBytes,
    onUnloaded: () => {},
  })
  const peer = (name: string) => {
    const received: Uint8Array[] = []
    const p: Peer & { received: Uint8Array[]; closedWith: number | null } = {
      principal: { userId: name, mode: 'rw' } as Principal,
      wantsAck: false,
      needsAck: false,
      clientIds: new Set(),
      received,
      closedWith: null,
      send: (m) => received.push(m),
      close: (code) => (p.closedWith = code),
    }
    room.reserve()
    room.join(p)
    received.length = 0 // the join's SyncStep1
    return p
  }
  return { room, inserts, peer }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

/** Three successive edits of one writer, as separate updates. */
function edits(): Uint8Array[] {
  const doc = new Y.Doc()
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  for (const word of ['one ', 'two ', 'three ']) doc.getText('t').insert(doc.getText('t').length, word)
  return out
}

describe('Room group commit', () => {
  it('overlaps INSERTs but broadcasts each batch only once it and every earlier batch are stored, in order', async () => {
    const { room, inserts, peer } = setup()
    const writer = peer('writer')
    const reader = peer('reader')
    const [a, b, c] = edits()
    room.receiveUpdate(a!, writer)
    room.receiveUpdate(b!, writer)
    await tick()
    expect(inserts).toHaveLength(2) // the second did not wait for the first commit
    room.receiveUpdate(c!, writer)
    expect(inserts).toHaveLength(2) // at most two in flight: c waits in the queue
    inserts[1]!.commit()
    await tick()
    expect(reader.received).toHaveLength(0) // b is stored, a is not: nothing may be shown yet
    expect(room.doc.getText('t').toString()).toBe('')
    inserts[0]!.commit()
    await tick()
    expect(room.doc.getText('t').toString()).toBe('one two ')
    expect(reader.received).toHaveLength(2)
    await tick()
    expect(inserts).toHaveLength(3)
    inserts[2]!.commit()
    await room.drain()
    expect(room.doc.getText('t').toString()).toBe('one two three ')
  })

  it('refuses a writer whose earlier update could not be stored, without applying its later stored ones', async () => {
    const { room, inserts, peer } = setup()
    const writer = peer('writer')
    const other = peer('other')
    const reader = peer('reader')
    const [a, b] = edits()
    const elsewhere = new Y.Doc()
    elsewhere.getText('t').insert(0, 'independent ')
    room.receiveUpdate(a!, writer)
    room.receiveUpdate(b!, writer)
    await tick()
    inserts[1]!.commit()
    inserts[0]!.fail()
    await tick()
    await tick()
    expect(writer.closedWith).toBe(4502)
    expect(room.doc.getText('t').toString()).toBe('')
    room.receiveUpdate(Y.encodeStateAsUpdate(elsewhere), other)
    await tick()
    inserts[2]!.commit()
    await room.drain()
    // Others carry on; the refused writer resends everything when it reconnects.
    expect(room.doc.getText('t').toString()).toBe('independent ')
    expect(other.closedWith).toBeNull()
    expect(reader.received).toHaveLength(1)
  })

  it('sends the writer what another instance built on its update, when its own commit is answered last', async () => {
    const { room, inserts, peer } = setup()
    const writer = peer('writer')
    const [mine] = edits()
    // A client of another instance received `mine` (announced at commit) and typed after it; that
    // instance stored it, and its announcement arrives before this instance hears from its INSERT.
    const theirs = new Y.Doc()
    Y.applyUpdate(theirs, mine!)
    theirs.getText('t').insert(theirs.getText('t').length, 'built on it')
    room.receiveUpdate(mine!, writer)
    await tick()
    const afterMine = new Y.Doc()
    Y.applyUpdate(afterMine, mine!)
    room.applyRemote(Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(afterMine)))
    expect(writer.received).toHaveLength(0) // it waits in the doc for `mine`
    inserts[0]!.commit()
    await room.drain()
    expect(room.doc.getText('t').toString()).toBe('one built on it')
    const seenByWriter = new Y.Doc()
    Y.applyUpdate(seenByWriter, mine!)
    for (const message of writer.received) {
      const decoder = decoding.createDecoder(message)
      decoding.readVarUint(decoder) // sync
      decoding.readVarUint(decoder) // update
      Y.applyUpdate(seenByWriter, decoding.readVarUint8Array(decoder))
    }
    expect(seenByWriter.getText('t').toString()).toBe('one built on it')
  })
})
