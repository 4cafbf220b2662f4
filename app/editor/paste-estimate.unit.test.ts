import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { estimatePasteBytes } from './size-guard.ts'
import { bindHeadless } from '#core/editor/headless.ts'

// The browser refuses a paste by this estimate before it enters the document (PasteGuard); an
// estimate below the real Yjs update would let an oversized edit through to the frame guard, which
// ends the session. Checked against the update the editor really produces.
function updateBytes(lines: string[], asParagraphs: boolean): number {
  const doc = new Y.Doc()
  const headless = bindHeadless(doc)
  const before = Y.encodeStateVector(doc)
  headless.editor.update(
    () => {
      if (asParagraphs) {
        for (const line of lines) $getRoot().append($createParagraphNode().append($createTextNode(line)))
      } else {
        const paragraph = $createParagraphNode()
        lines.forEach((line, i) => {
          if (i > 0) paragraph.append($createLineBreakNode())
          paragraph.append($createTextNode(line))
        })
        $getRoot().append(paragraph)
      }
    },
    { discrete: true },
  )
  headless.dispose()
  return Y.encodeStateAsUpdate(doc, before).byteLength
}

describe('estimatePasteBytes', () => {
  it.each([
    ['many short paragraphs', Array.from({ length: 3_000 }, () => 'é'.repeat(10)), true],
    ['one character per line', Array.from({ length: 2_000 }, () => 'x'), true],
    ['long paragraphs', Array.from({ length: 100 }, () => 'word '.repeat(200)), true],
    ['line breaks in one paragraph', Array.from({ length: 2_000 }, () => 'abc'), false],
    ['one long line', ['ä'.repeat(100_000)], true],
  ])('is never below the Yjs update of the pasted text: %s', (_label, lines, asParagraphs) => {
    expect(estimatePasteBytes(lines.join('\n'))).toBeGreaterThanOrEqual(updateBytes(lines, asParagraphs))
  })
})
