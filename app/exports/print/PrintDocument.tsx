// The plan document as semantic HTML for reading and printing: one h1 (the plan), h2 for the
// steps, h3 for sub-steps, tables with captions and header cells, figures with their alt text.
// No Remix hooks: the same component is rendered to a string for the PDF.
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../utils/locales.ts'
import { longestWords } from '../docx-columns.ts'
import { type Block, type ListItem, type PlanDocument, type TextRun } from '../types.ts'
import { drawFigure, type DrawnFigure, type PageArea } from './Figures.tsx'

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5'
type FigureBlock = Extract<Block, { type: 'figure' }>

/**
 * What a figure may fill on an A4 page of print.css, in mm: the text area less room for a heading
 * and the caption. Upright: 180 × 259 mm of text; turned (the `landscape` named page): 273 × 184.
 */
export const PRINT_AREA: PageArea = {
  portrait: { width: 180, height: 225 },
  landscape: { width: 273, height: 165 },
}

function Runs({ runs }: { runs: TextRun[] }) {
  return (
    <>
      {runs.map((r, i) => {
        let node: React.ReactNode = r.text
        if (r.code) node = <code>{node}</code>
        if (r.underline) node = <u>{node}</u>
        if (r.italic) node = <em>{node}</em>
        if (r.bold) node = <strong>{node}</strong>
        if (r.href) node = <a href={r.href}>{node}</a>
        return <Fragment key={i}>{node}</Fragment>
      })}
    </>
  )
}

function List({ ordered, items }: { ordered: boolean; items: ListItem[] }) {
  const Tag = ordered ? 'ol' : 'ul'
  return (
    <Tag>
      {items.map((item, i) => (
        <li key={i}>
          <Runs runs={item.runs} />
          {item.children?.length ? <List ordered={item.ordered ?? ordered} items={item.children} /> : null}
        </li>
      ))}
    </Tag>
  )
}

type TableBlock = Extract<Block, { type: 'table' }>

// Estimated width of a print table whose every column is as wide as its longest word, in ems of
// its 8.5 pt text: about 0.65 em a character (bold headers included) and 1.3 em of cell padding.
// An upright page's text is 60 ems wide at 8.5 pt, 68 at 7.5 pt; a turned page's 89 at 8.5 pt.
const EM_PER_CHAR = 0.65
const EM_PADDING = 1.3
const UPRIGHT_EMS = 60
const UPRIGHT_SMALL_EMS = 68
const TURNED_EMS = 89

/**
 * How a table fits without splitting a word: as it is, in smaller type ('small'), or on a turned
 * page ('landscape', in smaller type too when needed).
 */
export function tableFit(block: TableBlock): { small: boolean; landscape: boolean } {
  const width = Math.max(block.columns.length, ...block.rows.map((r) => r.length))
  const ems = longestWords(block.columns, block.rows, width).reduce((sum, w) => sum + w * EM_PER_CHAR + EM_PADDING, 0)
  if (ems <= UPRIGHT_EMS) return { small: false, landscape: false }
  if (ems <= UPRIGHT_SMALL_EMS) return { small: true, landscape: false }
  return { small: ems > TURNED_EMS, landscape: true }
}

function Table({ block }: { block: TableBlock }) {
  const num = (i: number) => (block.numeric?.[i] ? 'num' : undefined)
  const fit = tableFit(block)
  // On a narrow screen a table scrolls sideways in its box rather than split its words, so the
  // box is focusable (keyboard users can scroll it) and, when the table has a caption, a region
  // named by it.
  return (
    <div
      className={fit.small ? 'print-table print-table--small' : 'print-table'}
      tabIndex={0}
      {...(block.caption ? { role: 'region', 'aria-label': block.caption } : {})}
    >
      <table>
        {block.caption ? <caption>{block.caption}</caption> : null}
        <thead>
          <tr>
            {block.columns.map((c, i) => (
              <th key={i} scope="col" className={num(i)}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className={num(i)}>
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={num(i)}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Figure({ block, id, drawn }: { block: FigureBlock; id: string; drawn: DrawnFigure | null }) {
  const labelId = `${id}-alt`
  return (
    <figure className={`print-figure print-figure--${block.figure}`}>
      <p id={labelId} className="visually-hidden">
        {block.alt}
      </p>
      {/* Markup React rendered from our own components (drawFigure), so every text in it is escaped. */}
      {drawn ? <div className="print-figure__drawing" dangerouslySetInnerHTML={{ __html: drawn.markup }} /> : null}
      <figcaption>{block.caption}</figcaption>
    </figure>
  )
}

/** The chart draws its own table; the other figures are pictures, so their facts follow as text. */
function FigureFacts({ block, id }: { block: FigureBlock; id: string }) {
  if (block.figure === 'implementation-chart' || !block.fallback?.length) return null
  return <Blocks blocks={block.fallback} prefix={`${id}-f`} />
}

function BlockView({ block, id, drawn }: { block: Block; id: string; drawn?: DrawnFigure | null }) {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${Math.min(5, block.level + 1)}` as HeadingTag
      return <Tag id={block.id}>{block.text}</Tag>
    }
    case 'paragraph':
      return (
        <p className={block.style && block.style !== 'normal' ? `print-${block.style}` : undefined}>
          <Runs runs={block.runs} />
        </p>
      )
    case 'list':
      return <List ordered={block.ordered} items={block.items} />
    case 'table':
      return <Table block={block} />
    case 'facts':
      return <Facts items={block.items} />
    case 'figure':
      return (
        <>
          <Figure block={block} id={id} drawn={drawn ?? null} />
          <FigureFacts block={block} id={id} />
        </>
      )
  }
}

function Facts({ items }: { items: { label: string; value: string }[] }) {
  return (
    <dl className="print-facts">
      {items.map((f, i) => (
        <div key={i}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * The blocks in order. A figure that reads better on a turned page, or a table too wide for an
 * upright one, gets a `landscape` named page (print.css) of its own, and takes the heading just
 * before it along, so that heading is not left alone at the foot of the page before.
 */
function Blocks({ blocks, prefix }: { blocks: Block[]; prefix: string }) {
  const { i18n } = useTranslation()
  const drawn = blocks.map((b, i) =>
    b.type === 'figure' ? drawFigure(b, `${prefix}-${i}-alt`, i18n, PRINT_AREA) : null,
  )
  const turned = (i: number) => {
    const b = blocks[i]
    return b?.type === 'table' ? tableFit(b).landscape : drawn[i]?.orientation === 'landscape'
  }
  const out: React.ReactNode[] = []
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    const headed = block.type === 'heading' && turned(i + 1)
    const at = headed ? i + 1 : i
    const wide = blocks[at]!
    if (!turned(at)) {
      // A heading and the figure under it break as one: Chromium does not always honour
      // break-after: avoid before a figure that cannot be split, and left the heading behind.
      const next = blocks[i + 1]
      if (block.type === 'heading' && next?.type === 'figure') {
        out.push(
          <div key={i} className="print-keep">
            <BlockView block={block} id={`${prefix}-${i}`} />
            <BlockView block={next} id={`${prefix}-${i + 1}`} drawn={drawn[i + 1]} />
          </div>,
        )
        i += 1
        continue
      }
      out.push(<BlockView key={i} block={block} id={`${prefix}-${i}`} drawn={drawn[i]} />)
      continue
    }
    const id = `${prefix}-${at}`
    out.push(
      <Fragment key={i}>
        <div className="print-landscape">
          {headed ? <BlockView block={block} id={`${prefix}-${i}`} /> : null}
          {wide.type === 'figure' ? (
            <Figure block={wide} id={id} drawn={drawn[at] ?? null} />
          ) : (
            <BlockView block={wide} id={id} />
          )}
        </div>
        {wide.type === 'figure' ? <FigureFacts block={wide} id={id} /> : null}
      </Fragment>,
    )
    i = at
  }
  return <>{out}</>
}

/** The whole plan; the table of contents lists the level-1 headings (the steps and the plan parts). */
export function PrintDocument({ doc }: { doc: PlanDocument }) {
  const { t } = useTranslation('exports')
  const tops = doc.sections.flatMap((s) =>
    s.blocks.filter(
      (b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === 1 && Boolean(b.id),
    ),
  )
  return (
    <article className="print-document">
      <header className="print-cover">
        <h1>{doc.title}</h1>
        <p className="print-subtitle">{doc.subtitle}</p>
        <Facts items={doc.facts} />
        <p className="print-muted">{t('print.generatedAt', { when: formatDateTime(doc.generatedAt, doc.lang) })}</p>
        <section className="print-toc" aria-labelledby="toc-heading">
          <h2 id="toc-heading">{t('print.contents')}</h2>
          <ol>
            {tops.map((h) => (
              <li key={h.id}>
                <a href={`#${h.id}`}>{h.text}</a>
              </li>
            ))}
          </ol>
        </section>
      </header>
      {doc.sections.map((s) => (
        <section key={s.key} className={`print-section print-section--${/^\d$/.test(s.key) ? 'step' : s.key}`}>
          <Blocks blocks={s.blocks} prefix={`s${s.key}`} />
        </section>
      ))}
    </article>
  )
}
