// Turns a co-edited document (a Lexical serialized editor state, `editorState.toJSON()`) into the
// export Blocks of types.ts. The JSON comes from the database and ultimately from browsers, so it
// is treated as untrusted: any shape is accepted, nothing throws, unknown nodes are dropped but
// their text is kept, and only http(s) and mailto links survive.
import { type Block, type ListItem, type TextRun } from './types.ts'

export interface LexicalToBlocksOptions {
  /**
   * The heading level the document sits under (2 for a sub-step, the default). The document's
   * shallowest heading becomes `headingBase + 1`, deeper ones follow, all capped at level 4; when
   * there is no room below the base, headings become bold paragraphs.
   */
  headingBase?: number
}

type Node = Record<string, unknown>

// Lexical's TextNode format bits.
const BOLD = 1
const ITALIC = 2
const UNDERLINE = 8
const CODE = 16
// TableCellHeaderStates.ROW: the cell belongs to a header row.
const HEADER_ROW = 1
// Nesting deeper than this is not something our editor produces; it only guards the stack.
const MAX_DEPTH = 48
const MAX_COLSPAN = 20
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'list', 'table'])

type Marks = Omit<TextRun, 'text'>

/** Converts a serialized editor state (object or JSON string) into Blocks; [] for anything unreadable. */
export function lexicalToBlocks(serializedEditorStateJson: unknown, options: LexicalToBlocksOptions = {}): Block[] {
  const root = findRoot(serializedEditorStateJson)
  if (!root) return []
  const base = Number.isInteger(options.headingBase) ? Math.max(0, options.headingBase!) : 2
  const shallowest = Math.min(7, ...collectHeadingTags(root, 0))
  const out: Block[] = []
  containerBlocks(root, { base, shallowest }, 0, out)
  return out
}

interface Context {
  base: number
  shallowest: number
}

function findRoot(input: unknown): Node | undefined {
  let value = input
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  if (!isNode(value)) return undefined
  if (isNode(value.editorState)) value = value.editorState
  if (isNode(value) && isNode(value.root)) return value.root
  return isNode(value) && value.type === 'root' ? value : undefined
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function childrenOf(node: Node): Node[] {
  return Array.isArray(node.children) ? node.children.filter(isNode) : []
}

function headingTag(node: Node): number | undefined {
  const match = typeof node.tag === 'string' ? /^h([1-6])$/.exec(node.tag) : null
  return match ? Number(match[1]) : undefined
}

function collectHeadingTags(node: Node, depth: number): number[] {
  if (depth > MAX_DEPTH) return []
  const own = node.type === 'heading' ? headingTag(node) : undefined
  return [...(own ? [own] : []), ...childrenOf(node).flatMap((child) => collectHeadingTags(child, depth + 1))]
}

/** Block-level walk: inline children of a container are gathered into paragraphs between blocks. */
function containerBlocks(node: Node, ctx: Context, depth: number, out: Block[]) {
  if (depth > MAX_DEPTH) return
  let pending: TextRun[] = []
  const flush = () => {
    pushParagraph(out, pending)
    pending = []
  }
  for (const child of childrenOf(node)) {
    const type = typeof child.type === 'string' ? child.type : ''
    if (BLOCK_TYPES.has(type)) {
      flush()
      block(child, type, ctx, depth + 1, out)
    } else if (isInline(type) || !Array.isArray(child.children)) {
      pending.push(...inlineRuns(child, {}, depth + 1))
    } else {
      // An unknown container (a pasted code block, a future node): keep what it says.
      flush()
      containerBlocks(child, ctx, depth + 1, out)
    }
  }
  flush()
  if (childrenOf(node).length === 0 && node.type !== 'root') pushParagraph(out, inlineRuns(node, {}, depth))
}

function isInline(type: string): boolean {
  return (
    type === 'text' ||
    type === 'mention' ||
    type === 'linebreak' ||
    type === 'tab' ||
    type === 'link' ||
    type === 'autolink'
  )
}

function block(node: Node, type: string, ctx: Context, depth: number, out: Block[]) {
  switch (type) {
    case 'paragraph':
      return pushParagraph(out, inlineRuns(node, {}, depth))
    case 'quote':
      return pushParagraph(out, inlineRuns(node, {}, depth), 'quote')
    case 'heading':
      return pushHeading(out, node, ctx, depth)
    case 'list': {
      const items = listItems(node, depth)
      if (items.length > 0) out.push({ type: 'list', ordered: node.listType === 'number', items })
      return
    }
    case 'table': {
      const table = tableBlock(node, depth)
      if (table) out.push(table)
      return
    }
  }
}

function pushParagraph(out: Block[], runs: TextRun[], style?: 'quote') {
  const merged = mergeRuns(runs)
  if (merged.every((r) => r.text.trim() === '')) return
  out.push(style ? { type: 'paragraph', runs: merged, style } : { type: 'paragraph', runs: merged })
}

function pushHeading(out: Block[], node: Node, ctx: Context, depth: number) {
  const runs = inlineRuns(node, {}, depth)
  const text = plainText(runs)
  if (text === '') return
  const level = ctx.base + 1 + ((headingTag(node) ?? ctx.shallowest) - ctx.shallowest)
  if (ctx.base + 1 > 4) pushParagraph(out, [{ text, bold: true }])
  else out.push({ type: 'heading', level: Math.min(4, level) as 1 | 2 | 3 | 4, text })
}

/** Inline walk: every node contributes its text; links carry a safe href or none. */
function inlineRuns(node: Node, marks: Marks, depth: number): TextRun[] {
  if (depth > MAX_DEPTH) return []
  switch (node.type) {
    // A mention (ADR 062) reads as the "@Name" it shows, with the marks of the text around it.
    case 'mention':
    case 'text':
      return typeof node.text === 'string' ? [{ text: node.text, ...marks, ...formatMarks(node.format) }] : []
    case 'linebreak':
      return [{ text: '\n', ...marks }]
    case 'tab':
      return [{ text: '\t', ...marks }]
    case 'link':
    case 'autolink': {
      const href = safeHref(node.url)
      const { href: _outer, ...rest } = marks
      return childrenOf(node).flatMap((child) => inlineRuns(child, href ? { ...rest, href } : rest, depth + 1))
    }
  }
  const children = childrenOf(node)
  if (children.length > 0) {
    // Block children inside an inline context (paragraphs in a list item or cell) are separated by a line break.
    return children.flatMap((child, i) => {
      const runs = inlineRuns(child, marks, depth + 1)
      return i > 0 && BLOCK_TYPES.has(String(child.type)) ? [{ text: '\n' }, ...runs] : runs
    })
  }
  return typeof node.text === 'string' ? [{ text: node.text, ...marks }] : []
}

function formatMarks(format: unknown): Marks {
  const bits = typeof format === 'number' && Number.isInteger(format) ? format : 0
  const marks: Marks = {}
  if (bits & BOLD) marks.bold = true
  if (bits & ITALIC) marks.italic = true
  if (bits & UNDERLINE) marks.underline = true
  if (bits & CODE) marks.code = true
  return marks
}

/** The URL when it is absolute http(s) or mailto, else undefined (javascript:, data:, relative…). */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 2048) return undefined
  try {
    const parsed = new URL(url.trim())
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : undefined
  } catch {
    return undefined
  }
}

function sameMarks(a: TextRun, b: TextRun): boolean {
  return (
    a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.code === b.code && a.href === b.href
  )
}

function mergeRuns(runs: TextRun[]): TextRun[] {
  const merged: TextRun[] = []
  for (const run of runs) {
    if (run.text === '') continue
    const last = merged[merged.length - 1]
    if (last && sameMarks(last, run)) merged[merged.length - 1] = { ...last, text: last.text + run.text }
    else merged.push({ ...run })
  }
  return merged
}

function plainText(runs: TextRun[]): string {
  return runs
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Lexical nests a list as a list item holding only a list, right after the item it belongs to;
 * here the nested items become that previous item's children.
 */
function listItems(list: Node, depth: number): ListItem[] {
  if (depth > MAX_DEPTH) return []
  const items: ListItem[] = []
  for (const child of childrenOf(list)) {
    const nested = childrenOf(child).filter((c) => c.type === 'list')
    const inline = childrenOf(child).filter((c) => c.type !== 'list')
    const runs = mergeRuns(inline.flatMap((c) => inlineRuns(c, {}, depth + 1)))
    const nestedItems = nested.flatMap((n) => listItems(n, depth + 1))
    const ordered = nested.length > 0 ? nested[nested.length - 1]!.listType === 'number' : undefined
    const previous = items[items.length - 1]
    if (runs.length === 0 && nestedItems.length > 0 && previous) {
      previous.children = [...(previous.children ?? []), ...nestedItems]
      previous.ordered = ordered
    } else if (runs.length > 0 || nestedItems.length > 0) {
      items.push(nestedItems.length > 0 ? { runs, children: nestedItems, ordered } : { runs })
    }
  }
  return items
}

/**
 * A table of plain-text cells. The first row is the header row when Lexical marks all its cells
 * as header cells; otherwise `columns` is empty and every row is a body row.
 */
function tableBlock(table: Node, depth: number): Block | undefined {
  const grid: { text: string; header: boolean }[][] = childrenOf(table).map((row) => {
    const cells = row.type === 'tablerow' ? childrenOf(row) : [row]
    return cells.flatMap((cell) => {
      const text = plainCellText(cell, depth + 1)
      const header = typeof cell.headerState === 'number' && (cell.headerState & HEADER_ROW) !== 0
      const span =
        typeof cell.colSpan === 'number' && cell.colSpan > 1 ? Math.min(MAX_COLSPAN, Math.floor(cell.colSpan)) : 1
      return [{ text, header }, ...Array.from({ length: span - 1 }, () => ({ text: '', header }))]
    })
  })
  const rows = grid.filter((row) => row.length > 0)
  if (rows.length === 0) return undefined
  const width = Math.max(...rows.map((r) => r.length))
  const pad = (row: { text: string }[]) => [...row.map((c) => c.text), ...Array<string>(width - row.length).fill('')]
  const hasHeader = rows[0]!.every((c) => c.header)
  return {
    type: 'table',
    columns: hasHeader ? pad(rows[0]!) : [],
    rows: (hasHeader ? rows.slice(1) : rows).map(pad),
  }
}

function plainCellText(cell: Node, depth: number): string {
  return inlineRuns(cell, {}, depth)
    .map((r) => r.text)
    .join('')
    .trim()
}
