// Lays the format-neutral Blocks (types.ts) out as Word paragraphs and tables. Word-specific
// choices live here: built-in style ids (Heading1…4, Caption, Quote), numbering references for
// lists, a repeating header row on every table.
import {
  AlignmentType,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx'
import { columnWidths, minimumWidth } from './docx-columns.ts'
import { timelineTable, type TimelineContext, type TimelineData } from './docx-timeline.server.ts'
import { type FigurePng } from './figure-png.server.ts'
import { type Block, type ListItem, type TextRun as Run } from './types.ts'

type FigureBlock = Extract<Block, { type: 'figure' }>
type Orientation = 'portrait' | 'landscape'

/** Where the page turns: the writer starts a new section with this orientation (docx.server.ts). */
export class PageTurn {
  constructor(readonly orientation: Orientation) {}
}

export type DocxChild = Paragraph | Table | PageTurn

/** A figure as the Word file shows it: a picture of its drawing, and the page it needs. */
export interface WordFigure {
  orientation: Orientation
  /** The drawing as a PNG; absent for the timeline, which is written as a table. */
  image?: FigurePng
  /** Text that accompanies the drawing on screen (a chart's legend). */
  legend?: string
}

export interface LayoutContext {
  /** The w:lang value every run carries (e.g. fr-FR). */
  language: string
  /** "Description" in the plan's language: the label before a figure's alt text. */
  descriptionLabel: string
  /** Width of the text column in twips, which tables fill. */
  textWidth: number
  /** The text area of a turned page, in twips: what a landscape figure may fill. */
  landscapeArea: { width: number; height: number }
  /** The text area of an upright page, in twips. */
  portraitArea: { width: number; height: number }
  /** Draws a figure (Figures.tsx through resvg); absent or null: the figure is written as text. */
  drawFigure?(figure: FigureBlock): WordFigure | null
  /** Translation and the plan's language for the timeline table; without it the timeline is text. */
  timeline?: Omit<TimelineContext, 'runs'>
  /** Gives each list its own numbering instance, so numbered lists restart at 1. */
  nextListInstance(): number
}

export const BULLETS = 'scp-bullets'
export const NUMBERS = 'scp-numbers'
export const STYLE = {
  caption: 'Caption',
  quote: 'Quote',
  muted: 'ScpMuted',
  hyperlink: 'Hyperlink',
  tableHeader: 'ScpTableHeader',
  tableText: 'ScpTableText',
  smallTableHeader: 'ScpSmallTableHeader',
  smallTableText: 'ScpSmallTableText',
} as const

/** Table text is 9.5 pt; a table with many columns is set in 8 pt before it needs a turned page. */
export const SMALL_TABLE_SCALE = 8 / 9.5

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const
const HEADER_FILL = 'E7ECF2'
const MAX_LIST_LEVEL = 8
const MAX_FIGURE_NESTING = 2

// XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and unpaired surrogates; Word refuses a file
// holding any of them, so they are dropped from every string that reaches the document.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The string with characters XML cannot carry removed. */
export function xmlSafe(value: unknown): string {
  return String(value ?? '').replace(XML_INVALID, '')
}

/** Word runs for a string, turning '\n' into line breaks and '\t' into tabs. */
export function textRuns(
  text: string,
  options: Omit<ConstructorParameters<typeof TextRun>[0] & object, 'text' | 'children' | 'break'>,
  language: string,
): TextRun[] {
  return xmlSafe(text)
    .split('\n')
    .map((line, i) => {
      const children = line.split('\t').flatMap((part, j) => [...(j > 0 ? [new Tab()] : []), ...(part ? [part] : [])])
      return new TextRun({ ...options, language: { value: language }, children, break: i > 0 ? 1 : undefined })
    })
}

function inlineChildren(runs: Run[], ctx: LayoutContext): ParagraphChild[] {
  return runs.flatMap((run): ParagraphChild[] => {
    const marks = {
      bold: run.bold,
      italics: run.italic,
      underline: run.underline ? {} : undefined,
      font: run.code ? 'Consolas' : undefined,
    }
    if (!run.href) return textRuns(run.text, marks, ctx.language)
    return [
      new ExternalHyperlink({
        link: xmlSafe(run.href),
        children: textRuns(run.text, { ...marks, style: STYLE.hyperlink }, ctx.language),
      }),
    ]
  })
}

function paragraphStyle(style: 'normal' | 'muted' | 'quote' | undefined): string | undefined {
  if (style === 'quote') return STYLE.quote
  if (style === 'muted') return STYLE.muted
  return undefined
}

/**
 * Word content for a list of Blocks. A figure that needs a turned page is framed by PageTurns, and
 * a heading just before it turns with it, so the heading is not left alone at the foot of a page.
 */
export function layoutBlocks(blocks: Block[], ctx: LayoutContext, figureDepth = 0): DocxChild[] {
  const drawn = blocks.map((b) =>
    b.type === 'figure' && figureDepth < MAX_FIGURE_NESTING ? (ctx.drawFigure?.(b) ?? null) : null,
  )
  const turned = (i: number) => {
    const b = blocks[i]
    return b?.type === 'table' ? tooWide(b, ctx) : drawn[i]?.orientation === 'landscape'
  }
  // A table too wide for an upright page is laid out across a turned one.
  const turnedCtx = { ...ctx, textWidth: ctx.landscapeArea.width }
  const out: DocxChild[] = []
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    const next = blocks[i + 1]
    if (block.type === 'heading' && next?.type === 'figure' && turned(i + 1)) {
      out.push(
        new PageTurn('landscape'),
        ...layoutBlock(block, ctx),
        ...figure(next, drawn[i + 1]!, ctx, figureDepth, true),
      )
      i++
    } else if (block.type === 'heading' && next?.type === 'table' && turned(i + 1)) {
      out.push(
        new PageTurn('landscape'),
        ...layoutBlock(block, ctx),
        ...layoutBlock(next, turnedCtx),
        new PageTurn('portrait'),
      )
      i++
    } else if (block.type === 'table' && turned(i)) {
      out.push(new PageTurn('landscape'), ...layoutBlock(block, turnedCtx), new PageTurn('portrait'))
    } else if (block.type === 'figure') {
      out.push(...figure(block, drawn[i] ?? null, ctx, figureDepth, false))
    } else {
      out.push(...layoutBlock(block, ctx))
    }
  }
  return out
}

const tableWidth = (block: Extract<Block, { type: 'table' }>) =>
  Math.max(block.columns.length, ...block.rows.map((r) => r.length))

/** Whether the table's columns, each as wide as its longest word, overflow `textWidth` at a type size. */
function overflows(block: Extract<Block, { type: 'table' }>, textWidth: number, scale = 1): boolean {
  return minimumWidth(block.columns, block.rows, tableWidth(block), scale) > textWidth
}

/** Whether the table overflows an upright page even in small type. */
function tooWide(block: Extract<Block, { type: 'table' }>, ctx: LayoutContext): boolean {
  return overflows(block, ctx.textWidth, SMALL_TABLE_SCALE)
}

function layoutBlock(block: Exclude<Block, FigureBlock>, ctx: LayoutContext): DocxChild[] {
  switch (block.type) {
    case 'heading':
      // keepNext and keepLines are in the heading styles too; said here as well so a heading keeps
      // with what follows even when a reader's template redefines the styles.
      return [
        new Paragraph({
          heading: HEADINGS[block.level] ?? HeadingLevel.HEADING_4,
          keepNext: true,
          keepLines: true,
          children: textRuns(block.text, {}, ctx.language),
        }),
      ]
    case 'paragraph':
      return [new Paragraph({ style: paragraphStyle(block.style), children: inlineChildren(block.runs, ctx) })]
    case 'list':
      return listParagraphs(block.items, block.ordered, 0, ctx)
    case 'table':
      return tableWithCaption(block, ctx)
    case 'facts':
      return block.items.length > 0 ? [factsTable(block.items, ctx), new Paragraph({})] : []
    default:
      return []
  }
}

// Word sizes pictures in pixels at 96 per inch: 15 twips each.
const TWIPS_PER_PIXEL = 15

/**
 * A figure: its caption, then the drawing (a picture with the alt text, or the timeline as a
 * table), then the facts it shows as text. Without a drawing, the alt text is written out instead.
 */
function figure(
  block: FigureBlock,
  drawn: WordFigure | null,
  ctx: LayoutContext,
  figureDepth: number,
  alreadyTurned: boolean,
): DocxChild[] {
  if (figureDepth >= MAX_FIGURE_NESTING) return []
  const landscape = drawn?.orientation === 'landscape'
  const area = landscape ? ctx.landscapeArea : ctx.portraitArea
  const caption = new Paragraph({
    style: STYLE.caption,
    keepNext: true,
    children: textRuns(block.caption, {}, ctx.language),
  })
  const timeline =
    block.figure === 'implementation-chart' && ctx.timeline
      ? timelineTable(
          block.data as TimelineData,
          {
            ...ctx.timeline,
            runs: (text, marks = {}) => [
              new Paragraph({ style: STYLE.tableText, children: textRuns(text, marks, ctx.language) }),
            ],
          },
          area.width,
        )
      : null
  const drawing: DocxChild[] = timeline
    ? [timeline, new Paragraph({})]
    : drawn?.image
      ? [picture(block, drawn.image, area), ...(drawn.legend ? [mutedParagraph(drawn.legend, ctx)] : [])]
      : block.alt
        ? [
            new Paragraph({
              style: STYLE.muted,
              children: [
                ...textRuns(`${ctx.descriptionLabel} `, { bold: true }, ctx.language),
                ...textRuns(block.alt, {}, ctx.language),
              ],
            }),
          ]
        : []
  // The chart's table is the timeline itself; the other figures list their facts after the picture.
  const facts = timeline ? [] : layoutBlocks(block.fallback ?? [], ctx, figureDepth + 1)
  if (!landscape) return [caption, ...drawing, ...facts]
  return [
    ...(alreadyTurned ? [] : [new PageTurn('landscape')]),
    caption,
    ...drawing,
    new PageTurn('portrait'),
    ...facts,
  ]
}

/** The picture, as large as the text area allows, with the figure's alt text for screen readers. */
function picture(block: FigureBlock, image: FigurePng, area: { width: number; height: number }): Paragraph {
  const scale = Math.min(area.width / image.width, area.height / image.height)
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: 'png',
        data: image.png,
        transformation: {
          width: Math.round((image.width * scale) / TWIPS_PER_PIXEL),
          height: Math.round((image.height * scale) / TWIPS_PER_PIXEL),
        },
        altText: { name: xmlSafe(block.caption), title: xmlSafe(block.caption), description: xmlSafe(block.alt) },
      }),
    ],
  })
}

const mutedParagraph = (text: string, ctx: LayoutContext) =>
  new Paragraph({ style: STYLE.muted, children: textRuns(text, {}, ctx.language) })

function listParagraphs(items: ListItem[], ordered: boolean, level: number, ctx: LayoutContext): Paragraph[] {
  const reference = ordered ? NUMBERS : BULLETS
  const instance = ctx.nextListInstance()
  return items.flatMap((item) => [
    new Paragraph({
      numbering: { reference, level: Math.min(level, MAX_LIST_LEVEL), instance },
      children: inlineChildren(item.runs, ctx),
    }),
    ...(item.children?.length ? listParagraphs(item.children, item.ordered ?? ordered, level + 1, ctx) : []),
  ])
}

function cell(
  text: string,
  ctx: LayoutContext,
  width: number,
  options: { header?: boolean; numeric?: boolean; bold?: boolean; small?: boolean } = {},
): TableCell {
  const style = options.small
    ? options.header
      ? STYLE.smallTableHeader
      : STYLE.smallTableText
    : options.header
      ? STYLE.tableHeader
      : STYLE.tableText
  return new TableCell({
    children: [
      new Paragraph({
        style,
        alignment: options.numeric ? AlignmentType.END : undefined,
        children: textRuns(text, { bold: options.bold }, ctx.language),
      }),
    ],
    shading: options.header || options.bold ? { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } : undefined,
    width: { size: width, type: WidthType.DXA },
  })
}

function tableWithCaption(block: Extract<Block, { type: 'table' }>, ctx: LayoutContext): DocxChild[] {
  const width = tableWidth(block)
  if (width === 0) return []
  const pad = (row: string[]) => [...row, ...Array<string>(width - row.length).fill('')]
  // Smaller type when the longest words would not fit side by side in the usual size.
  const small = overflows(block, ctx.textWidth)
  const widths = columnWidths(block.columns, block.rows, width, ctx.textWidth, small ? SMALL_TABLE_SCALE : 1)
  const header = block.columns.length
    ? [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: pad(block.columns).map((c, i) =>
            cell(c, ctx, widths[i]!, { header: true, numeric: block.numeric?.[i], small }),
          ),
        }),
      ]
    : []
  const body = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: pad(row).map((c, i) => cell(c, ctx, widths[i]!, { numeric: block.numeric?.[i], small })),
      }),
  )
  const caption = block.caption
    ? [new Paragraph({ style: STYLE.caption, keepNext: true, children: textRuns(block.caption, {}, ctx.language) })]
    : []
  // An empty paragraph after each table keeps two adjacent tables from merging into one in Word.
  return [
    ...caption,
    new Table({
      rows: [...header, ...body],
      columnWidths: widths,
      width: { size: ctx.textWidth, type: WidthType.DXA },
    }),
    new Paragraph({}),
  ]
}

function factsTable(items: { label: string; value: string }[], ctx: LayoutContext): Table {
  const label = Math.round(ctx.textWidth * 0.32)
  const widths = [label, ctx.textWidth - label]
  return new Table({
    width: { size: ctx.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: items.map(
      (item) =>
        new TableRow({
          cantSplit: true,
          children: [cell(item.label, ctx, widths[0]!, { bold: true }), cell(item.value, ctx, widths[1]!)],
        }),
    ),
  })
}
