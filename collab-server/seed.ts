// The initial content of a new document, created only here (clients never bootstrap). Kept
// minimal: notes start empty, so the editor shows its placeholder (a heading of just the sub-step's
// code told nobody anything, ADR 057); the narrative gets its three section headings.
import { $createHeadingNode } from '@lexical/rich-text'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import * as Y from 'yjs'
import { type DocRef } from '#core/collab/contract.ts'
import { type Locale } from '#db/types.ts'
import { bindHeadless } from '#core/editor/headless.ts'

const NARRATIVE_SECTIONS: Record<Locale, readonly string[]> = {
  en: ['Summary', 'Context', 'Decisions'],
  fr: ['Résumé', 'Contexte', 'Décisions'],
  es: ['Resumen', 'Contexto', 'Decisiones'],
}

/** Builds the initial Yjs state of a document (V1 Lexical binding layout). */
export function createInitialState(ref: DocRef, language: Locale): Uint8Array {
  const doc = new Y.Doc()
  const headless = bindHeadless(doc)
  try {
    headless.editor.update(
      () => {
        const root = $getRoot()
        root.clear()
        if (ref.substep) {
          root.append($createParagraphNode())
        } else {
          for (const title of NARRATIVE_SECTIONS[language]) {
            root.append($createHeadingNode('h2').append($createTextNode(title)), $createParagraphNode())
          }
        }
      },
      { discrete: true },
    )
    return Y.encodeStateAsUpdate(doc)
  } finally {
    headless.dispose()
    doc.destroy()
  }
}
