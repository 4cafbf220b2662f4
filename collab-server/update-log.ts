// Group commit across documents: appends requested while one INSERT is in flight are written
// together by the next INSERT (one statement, one transaction, one WAL flush). Each room already
// batches its own updates; this batches the rooms, so a thousand busy documents cost a handful of
// commits per millisecond of fsync rather than a thousand.
import { type Kysely } from 'kysely'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { type DB } from '#db/types.ts'
import { type LatencyRecorder } from './metrics.ts'

interface Pending {
  docName: string
  update: Uint8Array
  resolve(): void
  reject(error: unknown): void
}

const MAX_ROWS = 2_000

export class UpdateLog {
  private queue: Pending[] = []
  private inFlight = 0

  constructor(
    private readonly db: Kysely<DB>,
    /** Receives the duration of each INSERT, commit included. */
    private readonly commitLatency?: LatencyRecorder,
    /** Concurrent INSERTs; more than one overlaps a commit's fsync with the next batch. */
    private readonly concurrency = 2,
  ) {}

  /** Resolves once the update is committed; rejects if the write failed (nothing is half-stored). */
  append(docName: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docName, update, resolve, reject })
      this.pump()
    })
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_ROWS)
      this.inFlight++
      const started = performance.now()
      CollabDocumentRepository.appendUpdates(this.db, batch)
        .then(
          () => {
            this.commitLatency?.record(performance.now() - started)
            batch.forEach((p) => p.resolve())
          },
          (error: unknown) => batch.forEach((p) => p.reject(error)),
        )
        .finally(() => {
          this.inFlight--
          this.pump()
        })
    }
  }
}
