// Plain-text and HTML renderings of a document, made with headless Lexical. Runs on creation and
// on compaction, never per update: HTML needs a DOM (happy-dom via withDOM), which is slow.
import { withDOM } from '@lexical/headless/dom'
import { $generateHtmlFromNodes } from '@lexical/html'
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical'
import * as Y from 'yjs'
import { readStoredDocument, type StoredDocumentUpdates, type UnreadableUpdate } from '#core/collab/read-document.ts'
import { bindHeadless, type HeadlessDoc } from '#core/editor/headless.ts'
import {
  $isMentionNode,
  isWellFormedMention,
  MAX_DOCUMENT_MENTIONS,
  type DocumentMention,
} from '#core/editor/mention-node.ts'
import { mentionExcerpt } from '#core/mentions/tokens.ts'

export interface Rendering {
  plainText: string
  html: string
  /** The mentions the document holds (ADR 062): found here, where the document is read anyway. */
  mentions: DocumentMention[]
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
    const mentions = editorState.read(() => $findMentions(headless))
    return { state, plainText, html, mentions }
  } finally {
    headless.dispose()
    doc.destroy()
  }
}

/** Renders an encoded Yjs state. */
export function renderState(state: Uint8Array): Rendering {
  const { plainText, html, mentions } = buildAndRender({ state, tail: [] })
  return { plainText, html, mentions }
}

/** Every well-formed mention in the document, in document order, with the client id that wrote it. */
function $findMentions(headless: HeadlessDoc): DocumentMention[] {
  const found: DocumentMention[] = []
  const visit = (node: LexicalNode) => {
    if (found.length >= MAX_DOCUMENT_MENTIONS) return
    if ($isMentionNode(node)) {
      const userId = node.getUserId()
      const mentionId = node.getMentionId()
      if (!isWellFormedMention(userId, mentionId)) return
      const collab = headless.binding.collabNodeMap.get(node.getKey())
      const item = collab && '_map' in collab ? (collab._map as Y.Map<unknown>)._item : null
      found.push({
        userId,
        mentionId,
        name: node.getName(),
        excerpt: mentionExcerpt(node.getParent()?.getTextContent() ?? node.getTextContent(), 200),
        clientId: item ? item.id.client : null,
      })
    } else if ($isElementNode(node)) node.getChildren().forEach(visit)
  }
  visit($getRoot())
  return found
}
