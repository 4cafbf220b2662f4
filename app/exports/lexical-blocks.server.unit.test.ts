import { $createLinkNode } from '@lexical/link'
import { $createListItemNode, $createListNode } from '@lexical/list'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { $createTableCellNode, $createTableNode, $createTableRowNode, TableCellHeaderStates } from '@lexical/table'
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, type LexicalNode } from 'lexical'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { bindHeadless } from '#core/editor/headless.ts'
import { $createMentionNode } from '#core/editor/mention-node.ts'
import { lexicalToBlocks, safeHref } from './lexical-blocks.server.ts'

const text = (value: string, format = 0) => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const state = (...children: unknown[]) => ({ root: { type: 'root', children } })
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children })

function cell(content: string, header: boolean) {
  const node = $createTableCellNode(header ? TableCellHeaderStates.ROW : TableCellHeaderStates.NO_STATUS)
  node.append($createParagraphNode().append($createTextNode(content)))
  return node
}

/** Writes a note the way a browser does (Lexical → Yjs) and reads it back as the server would. */
function writeThroughYjs(build: () => LexicalNode[]): unknown {
  const written = new Y.Doc()
  const writer = bindHeadless(written)
  writer.editor.update(() => $getRoot().append(...build()), { discrete: true })
  const update = Y.encodeStateAsUpdate(written)
  writer.dispose()

  const read = new Y.Doc()
  const reader = bindHeadless(read, { readOnly: true })
  Y.applyUpdate(read, update)
  reader.editor.update(() => {}, { discrete: true })
  const json = reader.editor.getEditorState().toJSON()
  reader.dispose()
  return json
}

describe('lexicalToBlocks', () => {
  test('reads a mention node as the "@Name" it shows, with the marks around it', () => {
    const json = writeThroughYjs(() => [
      $createParagraphNode().append(
        $createTextNode('Ask '),
        $createMentionNode(
          '11111111-1111-4111-8111-111111111111',
          '22222222-2222-4222-8222-222222222222',
          '@Ana <Rojas>',
        ).toggleFormat('bold'),
        $createTextNode(' today'),
      ),
    ])
    expect(lexicalToBlocks(json)).toEqual([
      { type: 'paragraph', runs: [{ text: 'Ask ' }, { text: '@Ana <Rojas>', bold: true }, { text: ' today' }] },
    ])
  })

  test('converts a real co-edited document: headings, marks, links, nested lists, quote and table', () => {
    const json = writeThroughYjs(() => {
      const bold = $createTextNode('Bold').toggleFormat('bold')
      const italic = $createTextNode('italic').toggleFormat('italic')
      const underline = $createTextNode('under').toggleFormat('underline')
      const code = $createTextNode('code()').toggleFormat('code')
      const link = $createLinkNode('https://www.ilo.org/scp').append($createTextNode('ILO'))
      const unsafe = $createLinkNode('javascript:alert(1)').append($createTextNode('click'))

      const nested = $createListNode('bullet').append($createListItemNode().append($createTextNode('Sub-point')))
      const numbered = $createListNode('number').append(
        $createListItemNode().append($createTextNode('First')),
        $createListItemNode().append(nested),
        $createListItemNode().append($createTextNode('Second')),
      )

      const table = $createTableNode().append(
        $createTableRowNode().append(cell('Actor', true), cell('Role', true)),
        $createTableRowNode().append(cell('Ministry', false), cell('Inspects', false)),
      )
      return [
        $createHeadingNode('h2').append($createTextNode('Background')),
        $createParagraphNode().append(
          bold,
          $createTextNode(' '),
          italic,
          $createTextNode(' '),
          underline,
          $createTextNode(' '),
          code,
        ),
        $createParagraphNode().append($createTextNode('See '), link, $createTextNode(' or '), unsafe),
        $createHeadingNode('h3').append($createTextNode('Detail')),
        numbered,
        $createQuoteNode().append($createTextNode('Line one'), $createLineBreakNode(), $createTextNode('line two')),
        $createParagraphNode(),
        table,
      ]
    })

    expect(lexicalToBlocks(json, { headingBase: 2 })).toEqual([
      { type: 'heading', level: 3, text: 'Background' },
      {
        type: 'paragraph',
        runs: [
          { text: 'Bold', bold: true },
          { text: ' ' },
          { text: 'italic', italic: true },
          { text: ' ' },
          { text: 'under', underline: true },
          { text: ' ' },
          { text: 'code()', code: true },
        ],
      },
      {
        type: 'paragraph',
        runs: [{ text: 'See ' }, { text: 'ILO', href: 'https://www.ilo.org/scp' }, { text: ' or click' }],
      },
      { type: 'heading', level: 4, text: 'Detail' },
      {
        type: 'list',
        ordered: true,
        items: [
          { runs: [{ text: 'First' }], children: [{ runs: [{ text: 'Sub-point' }] }], ordered: false },
          { runs: [{ text: 'Second' }] },
        ],
      },
      { type: 'paragraph', runs: [{ text: 'Line one\nline two' }], style: 'quote' },
      { type: 'table', columns: ['Actor', 'Role'], rows: [['Ministry', 'Inspects']] },
    ])
  })

  test('demotes headings below the base level the caller gives, capped at level 4', () => {
    const json = state(
      { type: 'heading', tag: 'h1', children: [text('A')] },
      { type: 'heading', tag: 'h4', children: [text('B')] },
    )
    expect(lexicalToBlocks(json, { headingBase: 1 })).toEqual([
      { type: 'heading', level: 2, text: 'A' },
      { type: 'heading', level: 4, text: 'B' },
    ])
    expect(lexicalToBlocks(json, { headingBase: 4 })).toEqual([
      { type: 'paragraph', runs: [{ text: 'A', bold: true }] },
      { type: 'paragraph', runs: [{ text: 'B', bold: true }] },
    ])
  })

  test('accepts the state as a JSON string', () => {
    expect(lexicalToBlocks(JSON.stringify(state(paragraph(text('Hi')))))).toEqual([
      { type: 'paragraph', runs: [{ text: 'Hi' }] },
    ])
  })

  test.each([
    undefined,
    null,
    42,
    'not json',
    '{"root":5}',
    [],
    { root: { children: 'x' } },
    { root: { type: 'root', children: [null, 7, 'x', []] } },
  ])('returns no blocks for unreadable input %j without throwing', (input) => {
    expect(lexicalToBlocks(input)).toEqual([])
  })

  test('keeps the text of unknown nodes, inline and block level', () => {
    const json = state(
      paragraph(text('Before '), { type: 'mention', text: '@ana' }, { type: 'emoji', children: [text(' :)')] }),
      { type: 'code', children: [text('let x = 1'), { type: 'linebreak' }, text('x++')] },
      { type: 'horizontalrule' },
      { type: 'widget', text: 'loose text' },
    )
    expect(lexicalToBlocks(json)).toEqual([
      { type: 'paragraph', runs: [{ text: 'Before @ana :)' }] },
      { type: 'paragraph', runs: [{ text: 'let x = 1\nx++' }] },
      { type: 'paragraph', runs: [{ text: 'loose text' }] },
    ])
  })

  test('tolerates odd shapes: wrong field types, list items without text, cells spanning columns', () => {
    const json = state(
      { type: 'heading', tag: 'h9', children: [text('Odd tag', 'bold' as unknown as number)] },
      {
        type: 'list',
        listType: 'bullet',
        children: [
          {
            type: 'listitem',
            children: [
              { type: 'list', listType: 'number', children: [{ type: 'listitem', children: [text('Orphan')] }] },
            ],
          },
          { type: 'listitem' },
        ],
      },
      {
        type: 'table',
        children: [
          { type: 'tablerow', children: [{ type: 'tablecell', colSpan: 2, children: [paragraph(text('Wide'))] }] },
          {
            type: 'tablerow',
            children: [
              { type: 'tablecell', children: [paragraph(text('a'))] },
              { type: 'tablecell', children: [paragraph(text('b')), paragraph(text('c'))] },
            ],
          },
        ],
      },
      { type: 'table', children: [] },
      { type: 'list', children: [] },
    )
    expect(lexicalToBlocks(json)).toEqual([
      { type: 'heading', level: 3, text: 'Odd tag' },
      {
        type: 'list',
        ordered: false,
        items: [{ runs: [], children: [{ runs: [{ text: 'Orphan' }] }], ordered: true }],
      },
      {
        type: 'table',
        columns: [],
        rows: [
          ['Wide', ''],
          ['a', 'b\nc'],
        ],
      },
    ])
  })

  test('survives pathologically deep nesting', () => {
    let node: unknown = text('deep')
    for (let i = 0; i < 5000; i++) node = { type: 'wrapper', children: [node] }
    expect(() => lexicalToBlocks(state(node))).not.toThrow()
  })

  test.each([
    ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
    ['http://example.org', 'http://example.org/'],
    ['mailto:team@example.org', 'mailto:team@example.org'],
    ['javascript:alert(1)', undefined],
    [' JAVASCRIPT:alert(1)', undefined],
    ['data:text/html,<b>x</b>', undefined],
    ['/plans/1', undefined],
    ['file:///etc/passwd', undefined],
    [42, undefined],
  ])('safeHref(%j) is %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected)
  })
})
