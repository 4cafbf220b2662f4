// Plain-text and HTML renderings of a document, made with headless Lexical. Runs on creation and
// on compaction, never per update: HTML needs a DOM (happy-dom via withDOM), which is slow.
import { withDOM } from '@lexical/headless/dom'
import { $generateHtmlFromNodes } from '@lexical/html'
import { $getRoot } from 'lexical'
import * as Y from 'yjs'
import { readStoredDocument, type StoredDocumentUpdates, type UnreadableUpdate } from '#core/collab/read-document.ts'
import { bindHeadless } from '#core/editor/headless.ts'

export interface Rendering {
  plainText: string
  html: string
}

/** The state of a document that has no content yet: what a warm-up renders. */
export const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc())

/**
 * Merges a stored document (snapshot + log tail) into one garbage-collected state and renders its
 * Lexical content, through the one reader every process uses (readStoredDocument): an unreadable
 * snapshot throws, so a compaction never overwrites a document with what little its tail holds; an
 * unreadable tail row is reported through `onUnreadable` and skipped.
 */
export function buildAndRender(
  stored: StoredDocumentUpdates,
  onUnreadable: (unreadable: UnreadableUpdate) => void = () => {},
): Rendering & { state: Uint8Array } {
  const doc = new Y.Doc()
  // Bound before the content arrives: the binding follows only changes made after it.
  const headless = bindHeadless(doc, { readOnly: true })
  try {
    readStoredDocument(stored, { into: doc, onUnreadableUpdate: onUnreadable })
    const state = Y.encodeStateAsUpdate(doc)
    // Yjs → Lexical changes are queued as editor updates; commit them before reading.
    headless.editor.update(() => {}, { discrete: true })
    const editorState = headless.editor.getEditorState()
    const plainText = editorState.read(() => $getRoot().getTextContent())
    const html = withDOM(() => editorState.read(() => $generateHtmlFromNodes(headless.editor, null)))
    return { state, plainText, html }
  } finally {
    headless.dispose()
    doc.destroy()
  }
}

/** Renders an encoded Yjs state. */
export function renderState(state: Uint8Array): Rendering {
  const { plainText, html } = buildAndRender({ state, tail: [] })
  return { plainText, html }
}
