// The plan document as semantic HTML for reading and printing: one h1 (the plan), h2 for the
// steps, h3 for sub-steps, tables with captions and header cells, figures with their alt text.
// No Remix hooks: the same component is rendered to a string for the PDF.
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../utils/locales.ts'
import { type Block, type ListItem, type PlanDocument, type TextRun } from '../types.ts'
import { FigureDrawing } from './Figures.tsx'

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5'

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

function Table({ block }: { block: Extract<Block, { type: 'table' }> }) {
  const num = (i: number) => (block.numeric?.[i] ? 'num' : undefined)
  return (
    <div className="print-table">
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

function Figure({ block, id }: { block: Extract<Block, { type: 'figure' }>; id: string }) {
  const labelId = `${id}-alt`
  // The chart draws its own table; the other figures are pictures, so their facts follow as text.
  const showFallback = block.figure !== 'implementation-chart'
  return (
    <>
      <figure className={`print-figure print-figure--${block.figure}`}>
        <p id={labelId} className="visually-hidden">
          {block.alt}
        </p>
        <FigureDrawing figure={block} labelId={labelId} />
        <figcaption>{block.caption}</figcaption>
      </figure>
      {showFallback && block.fallback?.length ? <Blocks blocks={block.fallback} prefix={`${id}-f`} /> : null}
    </>
  )
}

function BlockView({ block, id }: { block: Block; id: string }) {
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
      return <Figure block={block} id={id} />
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

function Blocks({ blocks, prefix }: { blocks: Block[]; prefix: string }) {
  return (
    <>
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} id={`${prefix}-${i}`} />
      ))}
    </>
  )
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
