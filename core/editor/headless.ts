// A headless Lexical editor bound to a Y.Doc through the V1 binding (the one @lexical/react's
// CollaborationPlugin uses), for creating initial content and rendering on the server.
import { createHeadlessEditor } from '@lexical/headless'
import {
  createYjsBinding,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Binding,
  type Provider,
} from '@lexical/yjs'
import type { LexicalEditor } from 'lexical'
import type * as Y from 'yjs'
import { EDITOR_NODES, YJS_ROOT } from './nodes.ts'

// The binding wants a provider for awareness and cursors; on the server there is none.
function silentProvider(): Provider {
  const awareness = {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => {},
    off: () => {},
    setLocalState: () => {},
    setLocalStateField: () => {},
  }
  return { awareness, connect: () => {}, disconnect: () => {}, on: () => {}, off: () => {} } as Provider
}

export interface HeadlessDoc {
  doc: Y.Doc
  editor: LexicalEditor
  binding: Binding
  dispose(): void
}

/**
 * Binds a fresh headless editor to `doc`: Yjs changes flow into Lexical and, unless `readOnly`,
 * Lexical edits flow back into Yjs. Renderers bind read-only so that rendering never writes.
 */
export function bindHeadless(doc: Y.Doc, options: { readOnly?: boolean } = {}): HeadlessDoc {
  const editor = createHeadlessEditor({
    namespace: 'scp-collab',
    nodes: [...EDITOR_NODES],
    onError: (error) => {
      throw error
    },
  })
  const provider = silentProvider()
  const binding = createYjsBinding({
    editor,
    id: YJS_ROOT,
    doc,
    docMap: new Map([[YJS_ROOT, doc]]),
    rootName: YJS_ROOT,
  })
  const shared = binding.root.getSharedType()
  const onYjs = (events: Y.YEvent<Y.XmlText>[], transaction: Y.Transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, provider, events, false)
  }
  shared.observeDeep(onYjs)
  const stopLexical = options.readOnly
    ? () => {}
    : editor.registerUpdateListener(
        ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
          syncLexicalUpdateToYjs(
            binding,
            provider,
            prevEditorState,
            editorState,
            dirtyElements,
            dirtyLeaves,
            normalizedNodes,
            tags,
          )
        },
      )
  return {
    doc,
    editor,
    binding,
    dispose() {
      shared.unobserveDeep(onYjs)
      stopLexical()
    },
  }
}
