// Plain-text and HTML renderings of a document, made with headless Lexical. Runs on creation and
// on compaction, never per update: HTML needs a DOM (happy-dom via withDOM), which is slow.
import { withDOM } from '@lexical/headless/dom'
import { $generateHtmlFromNodes } from '@lexical/html'
import { $getRoot } from 'lexical'
import * as Y from 'yjs'
import { bindHeadless } from '#core/editor/headless.ts'

export interface Rendering {
  plainText: string
  html: string
}

/**
 * Merges Yjs updates into one garbage-collected state and renders its Lexical content. An update
 * that cannot be applied is reported through `onUnreadable` and skipped, never fatal.
 */
export function buildAndRender(
  updates: Uint8Array[],
  onUnreadable?: (index: number, error: unknown) => void,
): Rendering & { state: Uint8Array } {
  const doc = new Y.Doc()
  const headless = bindHeadless(doc, { readOnly: true })
  try {
    updates.forEach((update, i) => {
      try {
        Y.applyUpdate(doc, update)
      } catch (error) {
        onUnreadable?.(i, error)
      }
    })
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
  const { plainText, html } = buildAndRender([state])
  return { plainText, html }
}
