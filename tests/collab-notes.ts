// Test fixture: an edit of a co-edited document as the collab-server stores it before compaction.
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import * as Y from 'yjs'
import { docName } from '#core/collab/contract.ts'
import { type SubstepCode } from '#core/substeps.ts'
import { bindHeadless } from '#core/editor/headless.ts'
import { renderState } from '#collab/render.ts'
import { createInitialState } from '#collab/seed.ts'
import { type Executor } from '#db/executor.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'

/** Writes a sentence into a sub-step's notes the way the collab-server stores an edit: in the update log only. */
export async function appendNotesSentence(db: Executor, planId: string, code: SubstepCode, sentence: string) {
  const name = docName({ planId, substep: code })
  const initial = createInitialState({ planId, substep: code }, 'en')
  await CollabDocumentRepository.insertIfAbsent(db, { name, planId, state: initial, ...renderState(initial) })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initial)
  const headless = bindHeadless(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  headless.editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode(sentence))), {
    discrete: true,
  })
  headless.dispose()
  await CollabDocumentRepository.appendUpdates(
    db,
    updates.map((update) => ({ docName: name, update })),
  )
  return name
}
