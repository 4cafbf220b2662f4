import { type TFunction } from 'i18next'
import { type Point } from '../mapGeometry.ts'
import { type LabelBox } from '../mapRouter.ts'

/** What a relation arrow says: its own label, else the name of its type, else nothing. */
export function relationText(
  relation: { label?: string; relationType: string | null },
  t: TFunction<'worksheets'>,
): string {
  return relation.label || (relation.relationType ? t(`options.relationType.${relation.relationType}`) : '')
}

/** The path of a routed arrow, its last stretch shortened by `inset` so the arrowhead's tip meets the box. */
function pathOf(points: readonly Point[], inset: number) {
  const out = points.map((p) => ({ ...p }))
  const last = out[out.length - 1]!
  const before = out[out.length - 2]!
  const length = Math.hypot(last.x - before.x, last.y - before.y)
  if (length > inset * 2) {
    last.x -= ((last.x - before.x) / length) * inset
    last.y -= ((last.y - before.y) / length) * inset
  }
  return out.map((p, i) => `${i === 0 ? 'M' : 'L'}${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`).join(' ')
}

/**
 * One relation of a map (2.3 target map and its overlays in 4.3, 6.1 plan map): an arrow along the
 * route the map router found, with its label in the box the router kept free for it.
 */
export function MapRelation(props: {
  points: readonly Point[]
  label: LabelBox | null
  markerId: string
  className: string
  labelClassName: string
  strokeWidth?: number
  /** Line height of the label in map units. */
  lineHeight: number
}) {
  const { points, label, markerId, className, labelClassName, strokeWidth, lineHeight } = props
  if (points.length < 2) return null
  const top = label ? label.y + label.height / 2 - ((label.lines.length - 1) * lineHeight) / 2 : 0
  return (
    <g className={className}>
      <path d={pathOf(points, 2)} fill="none" strokeWidth={strokeWidth} markerEnd={`url(#${markerId})`} />
      {label ? (
        // The label's own white ground: its arrow often runs under it, and would show between words.
        <rect x={label.x} y={label.y} width={label.width} height={label.height} rx={3} fill="#fff" />
      ) : null}
      {label ? (
        <text
          x={label.x + label.width / 2}
          y={top}
          textAnchor="middle"
          dominantBaseline="middle"
          className={labelClassName}
        >
          {label.lines.map((line, i) => (
            <tspan key={i} x={label.x + label.width / 2} y={top + i * lineHeight}>
              {line}
            </tspan>
          ))}
        </text>
      ) : null}
    </g>
  )
}
