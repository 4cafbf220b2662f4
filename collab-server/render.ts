// Plain-text and HTML renderings of a document, made with headless Lexical. Runs on compaction
// and on creation, never per update: HTML needs a DOM (happy-dom via withDOM), which is slow.
import { withDOM } from '@lexical/headless/dom'
import { $generateHtmlFromNodes } from '@lexical/html'
import { $getRoot } from 'lexical'
import * as Y from 'yjs'
import { bindHeadless } from './headless.ts'

export interface Rendering {
  plainText: string
  html: string
}

/** Renders a Y.Doc's Lexical content. The doc is only read. */
export function renderDoc(doc: Y.Doc): Rendering {
  // Bind a copy: binding to a live doc would register observers on it.
  const copy = new Y.Doc({ gc: false })
  const headless = bindHeadless(copy)
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    // Yjs → Lexical is applied in an update that must be committed before reading.
    headless.editor.update(() => {}, { discrete: true })
    const plainText = headless.editor.getEditorState().read(() => $getRoot().getTextContent())
    const html = withDOM(() => headless.editor.getEditorState().read(() => $generateHtmlFromNodes(headless.editor, null)))
    return { plainText, html }
  } finally {
    headless.dispose()
    copy.destroy()
  }
}

/** Renders an encoded Yjs state. */
export function renderState(state: Uint8Array): Rendering {
  const doc = new Y.Doc({ gc: false })
  try {
    Y.applyUpdate(doc, state)
    return renderDoc(doc)
  } finally {
    doc.destroy()
  }
}
