// Which local edits the collab-server has not yet acknowledged as stored. Isomorphic.
//
// Only edits made here count: updates that arrived from the server (origin: the provider) are
// stored by construction, and the server only acknowledges to the sender, so comparing the whole
// document with the last acknowledgement (isEverythingSaved) would call a peer's edits unsaved.
import * as Y from 'yjs'

const MERGE_AT = 64
/**
 * Merged groups stay below this size, so that edits made offline can be sent one group per frame
 * on reconnect (split-sync.ts) far below the server's 1 MiB frame limit.
 */
export const GROUP_BYTES = 256 * 1024

/** Merges neighbouring updates while their combined size stays within `maxBytes`; keeps the order. */
export function groupUpdates(updates: Uint8Array[], maxBytes: number): Uint8Array[] {
  const groups: Uint8Array[] = []
  let run: Uint8Array[] = []
  let runBytes = 0
  const flush = () => {
    if (run.length) groups.push(run.length === 1 ? run[0]! : Y.mergeUpdates(run))
    run = []
    runBytes = 0
  }
  for (const update of updates) {
    if (runBytes + update.byteLength > maxBytes) flush()
    run.push(update)
    runBytes += update.byteLength
  }
  flush()
  return groups
}

export class PendingEdits {
  private pending: Uint8Array[] = []
  private mergeAt = MERGE_AT
  private acknowledged = false
  private readonly listeners = new Set<() => void>()
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.isRemote(origin)) return
    this.pending.push(update)
    if (this.pending.length >= this.mergeAt) {
      this.pending = groupUpdates(this.pending, GROUP_BYTES)
      // Many full groups cannot shrink further: wait for MERGE_AT new updates before trying again.
      this.mergeAt = this.pending.length + MERGE_AT
    }
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
    this.mergeAt = Math.min(this.mergeAt, this.pending.length + MERGE_AT)
    const changed = !this.acknowledged || before !== this.pending.length
    this.acknowledged = true
    if (changed) this.emit()
  }

  /** The local edits not acknowledged yet, oldest first, in groups of at most GROUP_BYTES (or one larger edit). */
  get updates(): readonly Uint8Array[] {
    return this.pending
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
