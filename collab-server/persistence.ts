// Loading and compacting documents. The append-only log is written by the room's group commit
// (documents.ts); this module turns snapshot + log into a Y.Doc and folds the log into snapshots.
import { type Kysely } from 'kysely'
import type * as Y from 'yjs'
import { type DocRef } from '#core/collab/contract.ts'
import { readStoredDocument } from '#core/collab/read-document.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { withSavepoint } from '#db/executor.ts'
import { type DB } from '#db/types.ts'
import { errorMessage, type Logger } from '#core/log.server.ts'
import { renderState } from './render.ts'
import { type Renderer } from './render-pool.ts'
import { notifyDocumentMentions } from './mentions.ts'
import { createInitialState } from './seed.ts'

export class DocumentNotFoundError extends Error {
  constructor() {
    super('The plan of this document does not exist')
  }
}

/**
 * Loads a document completely (snapshot + log tail) before anyone is served. A document that does
 * not exist yet is created once with server-made initial content: the insert is atomic on the
 * primary key, so concurrent connections and servers all end up loading the same single state.
 */
export async function loadDocument(
  db: Kysely<DB>,
  name: string,
  ref: DocRef,
  log: Logger,
): Promise<{ doc: Y.Doc; tailRows: number }> {
  let stored = await CollabDocumentRepository.findForLoad(db, name)
  if (!stored) {
    const plan = await PlanRepository.findById(db, ref.planId)
    if (!plan) throw new DocumentNotFoundError()
    const state = createInitialState(ref, plan.working_language)
    const created = await CollabDocumentRepository.insertIfAbsent(db, {
      name,
      planId: ref.planId,
      state,
      ...renderState(state),
    })
    log('info', 'document created', { doc: name, created })
    stored = await CollabDocumentRepository.findForLoad(db, name)
    if (!stored) throw new Error('document missing right after creation')
  }
  // An unreadable snapshot throws: the connection is refused (loadFailed) rather than served empty.
  const doc = readStoredDocument(stored, {
    onUnreadableUpdate: ({ seq, error }) =>
      log('error', 'unreadable update skipped', { doc: name, seq, error: errorMessage(error) }),
  })
  return { doc, tailRows: stored.tail.length }
}

/**
 * Folds the log into the snapshot and refreshes the renderings; returns the rows folded, or null
 * when another instance is compacting the document. The merge and rendering run in `renderer` (a
 * worker thread in the server) while the row lock is held.
 */
export function compactDocument(
  db: Kysely<DB>,
  name: string,
  log: Logger,
  renderer: Renderer,
  options: { force?: boolean } = {},
): Promise<number | null> {
  return CollabDocumentRepository.compact(
    db,
    name,
    (stored) =>
      renderer.build(stored, ({ seq, message }) =>
        log('error', 'unreadable update dropped on compaction', { doc: name, seq, error: message }),
      ),
    {
      ...options,
      // The mentions the rendering found tell their people in the same transaction (ADR 062); a
      // failure there is logged and never costs this one; the mentions are found again at the
      // document's next compaction (after its next edit).
      onCompacted: async (trx, next) => {
        if (!next.mentions?.length) return
        try {
          const told = await withSavepoint(trx, () => notifyDocumentMentions(trx, name, next.mentions ?? []))
          if (told > 0) log('info', 'mentions notified', { doc: name, told })
        } catch (error) {
          log('error', 'mention notifications failed', { doc: name, error: errorMessage(error) })
        }
      },
    },
  )
}
