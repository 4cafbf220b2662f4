// The plan as a Word document. Built-in style ids (Title, Heading1…4, Caption, Quote) make the
// navigation pane, the table of contents and screen readers work; the document language is the
// plan's working language, on the style defaults, on every run and in the core properties.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TableOfContents,
  TabStopType,
  TextRun,
  convertMillimetersToTwip,
  type ILevelsOptions,
} from 'docx'
import { type i18n as I18n } from 'i18next'
import { createServerInstance, getFixedT } from '#app/i18n/i18next.server.ts'
import { formatDate } from '#app/utils/locales.ts'
import {
  BULLETS,
  NUMBERS,
  PageTurn,
  STYLE,
  layoutBlocks,
  textRuns,
  xmlSafe,
  type DocxChild,
  type LayoutContext,
  type WordFigure,
} from './docx-blocks.server.ts'
import { standaloneSvg, svgToPng } from './figure-png.server.ts'
import { drawFigure, type PageArea } from './print/Figures.tsx'
import { type Block, type Lang, type PlanDocument } from './types.ts'

// Word proofs a region variant; the ILO writes British English.
const WORD_LANGUAGE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' }

const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) }
const MARGIN = convertMillimetersToTwip(25)
const TEXT_WIDTH = A4.width - 2 * MARGIN
// Turned pages (for a wide figure) have narrower margins: the figure is the page's content.
const LANDSCAPE_MARGIN = convertMillimetersToTwip(20)
const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * LANDSCAPE_MARGIN
// What a figure may fill, in mm: the text area less room for a heading and the caption.
const FIGURE_AREA: PageArea = {
  portrait: { width: 160, height: 215 },
  landscape: { width: 257, height: 140 },
}
const mmArea = (a: { width: number; height: number }) => ({
  width: convertMillimetersToTwip(a.width),
  height: convertMillimetersToTwip(a.height),
})
// Pictures are rasterised at 200 pixels per inch of their size on the page: sharp when printed,
// a few hundred kilobytes each.
const PIXELS_PER_MM = 200 / 25.4
const FIGURE_NAMESPACES = ['common', 'worksheets', 'exports']
const FONT = 'Calibri'
const TEXT_COLOUR = '1F2933'
const HEADING_COLOUR = '12355B'
// #595959 on white is 7:1, readable for muted text and captions alike.
const MUTED_COLOUR = '595959'

/** The Word language tag written for a plan language. */
export function wordLanguage(lang: Lang): string {
  return WORD_LANGUAGE[lang] ?? WORD_LANGUAGE.en
}

/** Writes the PlanDocument as a .docx file. */
export async function planDocumentToDocx(doc: PlanDocument): Promise<Buffer> {
  const t = await getFixedT(doc.lang, 'docx')
  const i18n = await createServerInstance(doc.lang, FIGURE_NAMESPACES)
  const figures = await wordFigures(doc, i18n)
  const language = wordLanguage(doc.lang)
  let listInstance = 0
  const ctx: LayoutContext = {
    language,
    descriptionLabel: t('docx:description'),
    textWidth: TEXT_WIDTH,
    portraitArea: mmArea(FIGURE_AREA.portrait),
    landscapeArea: mmArea(FIGURE_AREA.landscape),
    drawFigure: (figure) => figures.get(figure) ?? null,
    timeline: { t: i18n.getFixedT(doc.lang), lang: doc.lang },
    nextListInstance: () => ++listInstance,
  }
  const title = xmlSafe(doc.title)

  const front = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(doc.title, {}, language) }),
    ...(doc.subtitle ? [new Paragraph({ style: 'Subtitle', children: textRuns(doc.subtitle, {}, language) })] : []),
    ...layoutBlocks(doc.facts.length ? [{ type: 'facts', items: doc.facts }] : [], ctx),
    new Paragraph({ style: 'TOCHeading', children: textRuns(t('docx:contents'), {}, language) }),
    new TableOfContents(xmlSafe(t('docx:contents')), { hyperlink: true, headingStyleRange: '1-2', beginDirty: false }),
  ]
  const body = doc.sections.flatMap((section) => layoutBlocks(section.blocks, ctx))

  const pageFooter = footer(doc, t, language)
  const document = new Document({
    title,
    creator: 'scp-portal',
    styles: styles(language),
    numbering: {
      config: [
        { reference: BULLETS, levels: listLevels(false) },
        { reference: NUMBERS, levels: listLevels(true) },
      ],
    },
    sections: bySection([...front, ...body]).map(({ orientation, children }) => ({
      properties: {
        page:
          orientation === 'landscape'
            ? {
                // docx swaps width and height itself for a landscape page.
                size: { ...A4, orientation: PageOrientation.LANDSCAPE },
                margin: {
                  top: LANDSCAPE_MARGIN,
                  bottom: LANDSCAPE_MARGIN,
                  left: LANDSCAPE_MARGIN,
                  right: LANDSCAPE_MARGIN,
                  footer: convertMillimetersToTwip(10),
                },
              }
            : {
                size: A4,
                margin: {
                  top: MARGIN,
                  bottom: MARGIN,
                  left: MARGIN,
                  right: MARGIN,
                  footer: convertMillimetersToTwip(12),
                },
              },
      },
      footers: { default: orientation === 'landscape' ? footer(doc, t, language, LANDSCAPE_TEXT_WIDTH) : pageFooter },
      children,
    })),
  })
  return Packer.toBuffer(document, false, [
    {
      path: 'docProps/core.xml',
      data: coreProperties({ title, description: xmlSafe(doc.subtitle), language, generatedAt: doc.generatedAt }),
    },
  ])
}

type Child = Exclude<DocxChild, PageTurn> | TableOfContents

/** Splits the content where the page turns into Word sections; a turn with nothing after it is dropped. */
function bySection(
  children: (DocxChild | TableOfContents)[],
): { orientation: 'portrait' | 'landscape'; children: Child[] }[] {
  const sections: { orientation: 'portrait' | 'landscape'; children: Child[] }[] = [
    { orientation: 'portrait', children: [] },
  ]
  for (const child of children) {
    const current = sections[sections.length - 1]!
    if (!(child instanceof PageTurn)) current.children.push(child)
    else if (current.children.length === 0) current.orientation = child.orientation
    else if (current.orientation !== child.orientation) sections.push({ orientation: child.orientation, children: [] })
  }
  return sections.filter((s, i) => i === 0 || s.children.length > 0)
}

type FigureBlock = Extract<Block, { type: 'figure' }>

/** The figures of the document and of their text equivalents, in order. */
function figureBlocks(blocks: Block[]): FigureBlock[] {
  return blocks.flatMap((b) => (b.type === 'figure' ? [b, ...figureBlocks(b.fallback ?? [])] : []))
}

/**
 * Every figure drawn for Word before the layout (which is synchronous) asks for it: one at a time,
 * so one export keeps at most one rasterisation thread busy.
 */
async function wordFigures(doc: PlanDocument, i18n: I18n): Promise<Map<FigureBlock, WordFigure>> {
  const out = new Map<FigureBlock, WordFigure>()
  for (const figure of doc.sections.flatMap((s) => figureBlocks(s.blocks))) {
    const drawn = await wordFigure(figure, i18n)
    if (drawn) out.set(figure, drawn)
  }
  return out
}

/** A figure for Word: Figures.tsx draws it, resvg turns the SVG into a PNG the size it is shown. */
async function wordFigure(figure: FigureBlock, i18n: I18n): Promise<WordFigure | null> {
  const drawn = drawFigure(figure, 'figure-alt', i18n, FIGURE_AREA)
  if (!drawn) return null
  if (figure.figure === 'implementation-chart') return { orientation: drawn.orientation }
  const svg = standaloneSvg(drawn.markup)
  if (!svg || !drawn.size) return null
  const area = FIGURE_AREA[drawn.orientation]
  const widthMm = drawn.size.width * Math.min(area.width / drawn.size.width, area.height / drawn.size.height)
  // The progress chart's legend is HTML beside its SVG; it follows the picture as text.
  const legend = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(drawn.markup)?.[1]
  return {
    orientation: drawn.orientation,
    image: await svgToPng(svg, widthMm * PIXELS_PER_MM),
    legend: legend
      ? decodeHtml(legend.replace(/<[^>]*>/g, ''))
          .replace(/\s+/g, ' ')
          .trim()
      : undefined,
  }
}

/** The text of HTML React escaped (renderToStaticMarkup writes only these entities). */
function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
}

function footer(
  doc: PlanDocument,
  t: Awaited<ReturnType<typeof getFixedT>>,
  language: string,
  width = TEXT_WIDTH,
): Footer {
  const when = formatDate(doc.generatedAt, doc.lang, 'long')
  const left = doc.version
    ? t('docx:footerVersion', { title: doc.title, version: doc.version, date: when })
    : t('docx:footer', { title: doc.title, date: when })
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.muted,
        tabStops: [{ type: TabStopType.RIGHT, position: width }],
        children: [
          ...textRuns(left, {}, language),
          ...textRuns(`\t${t('docx:page')} `, {}, language),
          new TextRun({ children: [PageNumber.CURRENT] }),
          ...textRuns(` ${t('docx:of')} `, {}, language),
          new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  })
}

function listLevels(ordered: boolean): ILevelsOptions[] {
  const bullets = ['\u2022', '\u25E6', '\u25AA']
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN]
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: ordered ? formats[level % 3] : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : bullets[level % 3],
    alignment: AlignmentType.START,
    style: {
      paragraph: { indent: { left: convertMillimetersToTwip(7 + 7 * level), hanging: convertMillimetersToTwip(5) } },
    },
  }))
}

function heading(size: number, spaceBefore: number, outlineLevel: number) {
  return {
    run: { font: FONT, size, bold: true, color: HEADING_COLOUR },
    paragraph: { spacing: { before: spaceBefore, after: 120 }, keepNext: true, keepLines: true, outlineLevel },
  }
}

function styles(language: string) {
  return {
    default: {
      document: {
        run: { font: FONT, size: 22, color: TEXT_COLOUR, language: { value: language } },
        paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
      },
      title: {
        run: { font: FONT, size: 48, bold: true, color: HEADING_COLOUR },
        paragraph: { spacing: { after: 120 } },
      },
      heading1: heading(36, 480, 0),
      heading2: heading(28, 360, 1),
      heading3: heading(24, 240, 2),
      heading4: heading(22, 200, 3),
      hyperlink: { run: { color: '0B57A4', underline: {} } },
    },
    paragraphStyles: [
      {
        id: 'Subtitle',
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 26, color: MUTED_COLOUR },
      },
      {
        id: STYLE.caption,
        name: 'caption',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 20, bold: true, color: HEADING_COLOUR },
        paragraph: { spacing: { before: 200, after: 80 } },
      },
      {
        id: STYLE.quote,
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { italics: true },
        paragraph: { indent: { left: 567, right: 567 } },
      },
      {
        id: 'TOCHeading',
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: FONT, size: 28, bold: true, color: HEADING_COLOUR },
        paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
      },
      { id: STYLE.muted, name: 'SCP muted', basedOn: 'Normal', next: 'Normal', run: { size: 20, color: MUTED_COLOUR } },
      {
        id: STYLE.tableText,
        name: 'SCP table text',
        basedOn: 'Normal',
        next: STYLE.tableText,
        run: { size: 19 },
        paragraph: { spacing: { before: 20, after: 20, line: 240, lineRule: LineRuleType.AUTO } },
      },
      {
        id: STYLE.tableHeader,
        name: 'SCP table header',
        basedOn: STYLE.tableText,
        next: STYLE.tableText,
        run: { bold: true },
        paragraph: { keepNext: true },
      },
      {
        id: STYLE.smallTableText,
        name: 'SCP table text (many columns)',
        basedOn: STYLE.tableText,
        next: STYLE.smallTableText,
        run: { size: 16 },
      },
      {
        id: STYLE.smallTableHeader,
        name: 'SCP table header (many columns)',
        basedOn: STYLE.smallTableText,
        next: STYLE.smallTableText,
        run: { bold: true },
        paragraph: { keepNext: true },
      },
    ],
  }
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** docProps/core.xml with the title and language (the library has no option for dc:language). */
function coreProperties({
  title,
  description,
  language,
  generatedAt,
}: {
  title: string
  description: string
  language: string
  generatedAt: string
}): string {
  const parsed = new Date(generatedAt)
  const when = (Number.isNaN(parsed.getTime()) ? new Date() : parsed).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeXml(title)}</dc:title>`,
    `<dc:description>${escapeXml(description)}</dc:description>`,
    '<dc:creator>scp-portal</dc:creator>',
    `<dc:language>${escapeXml(language)}</dc:language>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('')
}
