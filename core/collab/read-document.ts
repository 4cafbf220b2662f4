// Snapshot + update log -> Y.Doc, the one way every reader rebuilds a stored document: the
// collab-server loading a room, and the web app reading a plan's documents for export, search and
// approval. Isomorphic (Yjs only); the callers decide how to report what was skipped.
import * as Y from 'yjs'

/** A document as stored: its snapshot and the log rows not yet folded into it, in log order. */
export interface StoredDocumentUpdates {
  state: Uint8Array
  tail: readonly { seq: number; update: Uint8Array }[]
}

/** A log row that could not be applied: its position in the tail, its seq and why. */
export interface UnreadableUpdate {
  index: number
  seq: number
  error: unknown
}

/** The snapshot itself cannot be applied: the document cannot be rebuilt at all. */
export class UnreadableSnapshotError extends Error {
  constructor(readonly reason: unknown) {
    super(`unreadable snapshot: ${reason instanceof Error ? reason.message : String(reason)}`)
    this.name = 'UnreadableSnapshotError'
  }
}

/**
 * Applies the snapshot, then each tail row, to `into` (a new Y.Doc unless given: a reader binds its
 * headless editor first, because the binding only follows changes made after it). An unreadable
 * snapshot throws UnreadableSnapshotError (ADR 048): the tail has nothing to build on, and a document
 * rebuilt without it would look empty, be served as empty and then be overwritten. An unreadable
 * tail row is skipped and reported to `onUnreadableUpdate`; the others still apply.
 */
export function readStoredDocument(
  stored: StoredDocumentUpdates,
  options: { onUnreadableUpdate: (unreadable: UnreadableUpdate) => void; into?: Y.Doc },
): Y.Doc {
  const doc = options.into ?? new Y.Doc()
  try {
    Y.applyUpdate(doc, stored.state)
  } catch (error) {
    if (!options.into) doc.destroy()
    throw new UnreadableSnapshotError(error)
  }
  stored.tail.forEach((row, index) => {
    try {
      Y.applyUpdate(doc, row.update)
    } catch (error) {
      options.onUnreadableUpdate({ index, seq: row.seq, error })
    }
  })
  return doc
}
