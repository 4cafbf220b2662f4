// Which Lexical node types an update may introduce. A co-author's client (or any client holding a
// token) could write a node of a type the editor does not register; every open editor would then
// fail on it ("Node … is not registered") and so would the server's own renderer. Such updates are
// refused before they are stored (ADR 034).
import { createHeadlessEditor } from '@lexical/headless'
import * as Y from 'yjs'
import { EDITOR_NODES } from '#core/editor/nodes.ts'

/** The attribute (map key) under which the Lexical V1 binding stores a node's type. */
const TYPE_KEY = '__type'

/** Every type the editor registers: Lexical's own (root, paragraph, text, …) and EDITOR_NODES. */
export const KNOWN_NODE_TYPES: ReadonlySet<string> = new Set(
  createHeadlessEditor({
    nodes: [...EDITOR_NODES],
    onError: (error) => {
      throw error
    },
  })._nodes.keys(),
)

/** The node types an update sets that the editor does not know (empty when it sets none). */
export function unknownNodeTypes(
  decoded: ReturnType<typeof Y.decodeUpdate>,
  known: ReadonlySet<string> = KNOWN_NODE_TYPES,
): string[] {
  const unknown: string[] = []
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || struct.parentSub !== TYPE_KEY) continue
    for (const value of struct.content.getContent()) {
      if (typeof value !== 'string' || !known.has(value))
        unknown.push(typeof value === 'string' ? value.slice(0, 64) : typeof value)
    }
  }
  return unknown
}
