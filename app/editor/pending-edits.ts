// Which local edits the collab-server has not yet acknowledged as stored. Isomorphic.
//
// Only edits made here count: updates that arrived from the server (origin: the provider) are
// stored by construction, and the server only acknowledges to the sender, so comparing the whole
// document with the last acknowledgement (isEverythingSaved) would call a peer's edits unsaved.
import * as Y from 'yjs'

const MERGE_AT = 64

export class PendingEdits {
  private pending: Uint8Array[] = []
  private acknowledged = false
  private readonly listeners = new Set<() => void>()
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.isRemote(origin)) return
    this.pending.push(update)
    if (this.pending.length >= MERGE_AT) this.pending = [Y.mergeUpdates(this.pending)]
    this.emit()
  }

  constructor(
    private readonly doc: Y.Doc,
    private readonly isRemote: (origin: unknown) => boolean,
  ) {
    doc.on('update', this.onUpdate)
  }

  /** Applies a "saved" acknowledgement (an encoded Y.Snapshot of what the server stored). */
  acknowledge(encodedSnapshot: Uint8Array): void {
    const snapshot = Y.decodeSnapshot(encodedSnapshot)
    const before = this.pending.length
    this.pending = this.pending.filter((update) => !Y.snapshotContainsUpdate(snapshot, update))
    const changed = !this.acknowledged || before !== this.pending.length
    this.acknowledged = true
    if (changed) this.emit()
  }

  /** Whether some local edit has not been acknowledged yet. */
  get hasUnsaved(): boolean {
    return this.pending.length > 0
  }

  /** Whether the server has acknowledged anything on this document yet. */
  get hasAcknowledgement(): boolean {
    return this.acknowledged
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  dispose(): void {
    this.doc.off('update', this.onUpdate)
    this.listeners.clear()
  }

  private emit() {
    for (const listener of this.listeners) listener()
  }
}
