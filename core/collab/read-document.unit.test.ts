import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readStoredDocument, UnreadableSnapshotError, type UnreadableUpdate } from './read-document.ts'

const GARBAGE = new TextEncoder().encode('not a yjs update')

/** A snapshot with "Hello" and two later edits, each as the update it produced. */
function storedWithTail() {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, 'Hello')
  const state = Y.encodeStateAsUpdate(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  text.insert(5, ', world')
  text.insert(12, '!')
  return { state, updates }
}

describe('readStoredDocument', () => {
  it('applies the snapshot and then every tail row', () => {
    const { state, updates } = storedWithTail()
    const unreadable: UnreadableUpdate[] = []
    const doc = readStoredDocument(
      { state, tail: updates.map((update, i) => ({ seq: 40 + i, update })) },
      { onUnreadableUpdate: (u) => unreadable.push(u) },
    )
    expect(doc.getText('t').toString()).toBe('Hello, world!')
    expect(unreadable).toEqual([])
  })

  it('skips an unreadable tail row, reports its index and seq, and applies the rows after it', () => {
    const { state, updates } = storedWithTail()
    const unreadable: UnreadableUpdate[] = []
    const doc = readStoredDocument(
      {
        state,
        tail: [
          { seq: 7, update: updates[0]! },
          { seq: 9, update: GARBAGE },
          { seq: 12, update: updates[1]! },
        ],
      },
      { onUnreadableUpdate: (u) => unreadable.push(u) },
    )
    expect(doc.getText('t').toString()).toBe('Hello, world!')
    expect(unreadable).toHaveLength(1)
    expect(unreadable[0]).toMatchObject({ index: 1, seq: 9 })
    expect(unreadable[0]!.error).toBeInstanceOf(Error)
  })

  it('throws on an unreadable snapshot instead of returning an empty document', () => {
    const { updates } = storedWithTail()
    const unreadable: UnreadableUpdate[] = []
    const read = () =>
      readStoredDocument(
        { state: GARBAGE, tail: [{ seq: 1, update: updates[0]! }] },
        { onUnreadableUpdate: (u) => unreadable.push(u) },
      )
    expect(read).toThrow(UnreadableSnapshotError)
    expect(unreadable).toEqual([])
  })

  it('applies into the given document, so that a binding made before sees every change', () => {
    const { state, updates } = storedWithTail()
    const into = new Y.Doc()
    const seen: string[] = []
    into.getText('t').observe(() => seen.push(into.getText('t').toString()))
    const doc = readStoredDocument(
      { state, tail: updates.map((update, i) => ({ seq: i + 1, update })) },
      { onUnreadableUpdate: () => {}, into },
    )
    expect(doc).toBe(into)
    expect(seen).toEqual(['Hello', 'Hello, world', 'Hello, world!'])
  })
})
