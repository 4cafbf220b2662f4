// The current content of a plan's co-edited documents. The renderings stored in collab_documents
// date from the last compaction, so an export built from them would miss recent edits; here each
// document is rebuilt from its snapshot plus the update log tail (one consistent read, as the
// collab-server loads it) and read through the same headless Lexical binding the server uses.
import { $getRoot } from 'lexical'
import * as Y from 'yjs'
import { bindHeadless } from '#core/editor/headless.ts'
import { type Db } from '#db/client.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'

/** The serialized Lexical editor state (`editorState.toJSON()`) of a Yjs state plus later updates. */
export function editorStateOf(updates: Uint8Array[]): unknown {
  return readDocument(updates).lexical
}

function readDocument(updates: Uint8Array[]): { lexical: unknown; plainText: string } {
  const doc = new Y.Doc()
  const headless = bindHeadless(doc, { readOnly: true })
  try {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update)
      } catch {
        // An unreadable update is skipped, as the collab-server does on load: the rest still exports.
      }
    }
    headless.editor.update(() => {}, { discrete: true })
    const state = headless.editor.getEditorState()
    return { lexical: state.toJSON(), plainText: state.read(() => $getRoot().getTextContent()) }
  } finally {
    headless.dispose()
    doc.destroy()
  }
}

/** Every document of the plan by name (`plan.<id>.notes.<code>`, `plan.<id>.narrative`), with edits not yet compacted. */
export async function loadDocumentStates(db: Db, planId: string): Promise<Map<string, unknown>> {
  const names = (await CollabDocumentRepository.findRenderingsByPlan(db, planId)).map((d) => d.name)
  const states = new Map<string, unknown>()
  for (const name of names) {
    const stored = await CollabDocumentRepository.findForLoad(db, name)
    if (stored) states.set(name, editorStateOf([stored.state, ...stored.tail.map((r) => r.update)]))
  }
  return states
}

/** Every document of the plan as it is now, structure and text, for freezing an approved version. */
export async function currentDocuments(
  db: Db,
  planId: string,
): Promise<{ name: string; plainText: string; lexical: unknown }[]> {
  const names = (await CollabDocumentRepository.findRenderingsByPlan(db, planId)).map((d) => d.name)
  const documents = []
  for (const name of names) {
    const stored = await CollabDocumentRepository.findForLoad(db, name)
    if (stored) documents.push({ name, ...readDocument([stored.state, ...stored.tail.map((r) => r.update)]) })
  }
  return documents
}
