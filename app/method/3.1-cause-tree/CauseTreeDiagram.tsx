import { useTranslation } from 'react-i18next'
import { BOX_WIDTH, HEAD_HEIGHT, layoutCauseTree, LINE_HEIGHT, PROBLEM_ID, type TreeCause } from './causeTreeLayout.ts'

export interface CauseTreeDiagramProps {
  /** The problem at the top of the tree (the selected priority in words). */
  problem: string
  causes: TreeCause[]
  /** The element whose text names the picture (its alt text). */
  labelledBy: string
}

/**
 * The 3.1 problem tree as a picture: the problem on top, each cause under the one it explains.
 * A picture only (role img); the list beside it on the page, or the list in the exported plan,
 * carries the same content for screen readers. Used by the page and by the exports (figure
 * `cause-tree`), so its props stay plain data.
 */
export function CauseTreeDiagram({ problem, causes, labelledBy }: CauseTreeDiagramProps) {
  const { t } = useTranslation('worksheets')
  const tree = layoutCauseTree(problem, causes)
  return (
    <svg
      className="cause-tree__svg"
      viewBox={`0 0 ${tree.width} ${tree.height}`}
      width={tree.width}
      height={tree.height}
      role="img"
      aria-labelledby={labelledBy}
    >
      <g className="ct-links">
        {tree.links.map((l) => (
          <polyline key={`${l.from}-${l.to}`} points={l.points.map((p) => `${p.x},${p.y}`).join(' ')} />
        ))}
      </g>
      {tree.boxes.map((b) => {
        const problemBox = b.id === PROBLEM_ID
        const head = problemBox
          ? t('causeTree.problemBox')
          : `${b.ref} · ${b.level ? t(`options.level.${b.level}`) : ''}`
        return (
          <g
            key={b.id}
            className={`ct-box${problemBox ? ' ct-box--problem' : ''}${b.level ? ` ct-box--${b.level}` : ''}`}
            transform={`translate(${b.x} ${b.y})`}
          >
            <rect width={BOX_WIDTH} height={b.height} rx={5} />
            <text x={8} y={16} className="ct-box__head">
              {head}
            </text>
            {b.lines.map((line, i) => (
              <text key={i} x={8} y={HEAD_HEIGHT + 12 + i * LINE_HEIGHT} className="ct-box__text">
                {line}
              </text>
            ))}
          </g>
        )
      })}
    </svg>
  )
}

/** The diagram on the 3.1 page, in its own scrolling box with a caption that names it. */
export function CauseTreeFigure({
  pairs,
  causes,
}: {
  pairs: { issue: string; target: string }[] | null
  causes: { id: string; ref: string; data: Record<string, unknown> }[]
}) {
  const { t } = useTranslation('worksheets')
  return (
    <figure className="cause-tree__figure">
      <div className="cause-tree__diagram">
        <CauseTreeDiagram
          problem={problemText(pairs) || t('causeTree.noPriorityBox')}
          causes={treeCauses(causes)}
          labelledBy="cause-tree-diagram-caption"
        />
      </div>
      <figcaption id="cause-tree-diagram-caption" className="field__hint">
        {t('causeTree.diagramCaption')}
      </figcaption>
    </figure>
  )
}

/** The priority in words, as the trunk of the tree. */
export function problemText(pairs: { issue: string; target: string }[] | null) {
  return (pairs ?? []).map((p) => `${p.issue} × ${p.target}`).join('; ')
}

/** Cause items as the diagram's plain data. */
export function treeCauses(causes: { id: string; ref: string; data: Record<string, unknown> }[]): TreeCause[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  return causes.map((c) => ({
    id: c.id,
    ref: c.ref,
    parent: str(c.data.parent) || null,
    statement: str(c.data.statement),
    level: str(c.data.level) || null,
  }))
}
