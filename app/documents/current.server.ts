// The current content of a plan's co-edited documents, for the exports, the search and the frozen
// copy of an approved version. The renderings stored in collab_documents date from the last
// compaction, so anything built from them would miss recent edits; here each document is rebuilt
// from its snapshot plus the update log tail (one consistent read, with the collab-server's own
// readStoredDocument) and read through the same headless Lexical binding the server uses.
import { $getRoot } from 'lexical'
import * as Y from 'yjs'
import { readStoredDocument, UnreadableSnapshotError } from '#core/collab/read-document.ts'
import { bindHeadless } from '#core/editor/headless.ts'
import { createLogger, errorMessage, type Logger } from '#core/log.server.ts'
import { type Db } from '#db/client.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'

export interface CurrentDocument {
  /** `plan.<id>.notes.<code>` or `plan.<id>.narrative`. */
  name: string
  plainText: string
  /** The serialized Lexical editor state (`editorState.toJSON()`). */
  lexical: unknown
}

const serverLog = createLogger()

/**
 * Every readable document of the plan as it is now, structure and text, in name order.
 *
 * A document whose snapshot cannot be read is left out and logged, not thrown: one broken document
 * must not fail the whole PDF or DOCX export, the search or the approval of a plan, and there is no
 * content of it to show anyway. The log line (level error, with the document name) is what tells an
 * operator, as the collab-server's refused connections (loadFailed) do for the same document.
 */
export async function currentDocuments(db: Db, planId: string, log: Logger = serverLog): Promise<CurrentDocument[]> {
  const names = (await CollabDocumentRepository.findRenderingsByPlan(db, planId)).map((d) => d.name)
  const documents: CurrentDocument[] = []
  for (const name of names) {
    const stored = await CollabDocumentRepository.findForLoad(db, name)
    if (!stored) continue
    try {
      documents.push({ name, ...readCurrent(name, stored, log) })
    } catch (error) {
      if (!(error instanceof UnreadableSnapshotError)) throw error
      log('error', 'unreadable document skipped', { doc: name, error: errorMessage(error) })
    }
  }
  return documents
}

/** The Lexical state of every readable document of the plan by name, for the export source. */
export async function loadDocumentStates(
  db: Db,
  planId: string,
  log: Logger = serverLog,
): Promise<Map<string, unknown>> {
  return new Map((await currentDocuments(db, planId, log)).map((d) => [d.name, d.lexical]))
}

function readCurrent(
  name: string,
  stored: CollabDocumentRepository.StoredDocument,
  log: Logger,
): { lexical: unknown; plainText: string } {
  const doc = new Y.Doc()
  // Bound before the updates are applied: the binding only follows changes made after it.
  const headless = bindHeadless(doc, { readOnly: true })
  try {
    readStoredDocument(stored, {
      into: doc,
      onUnreadableUpdate: ({ seq, error }) =>
        log('error', 'unreadable update skipped', { doc: name, seq, error: errorMessage(error) }),
    })
    headless.editor.update(() => {}, { discrete: true })
    const state = headless.editor.getEditorState()
    return { lexical: state.toJSON(), plainText: state.read(() => $getRoot().getTextContent()) }
  } finally {
    headless.dispose()
    doc.destroy()
  }
}
