import { type TFunction } from 'i18next'

interface Point {
  x: number
  y: number
}

/** What a relation arrow says: its own label, else the name of its type, else nothing. */
export function relationText(
  relation: { label?: string; relationType: string | null },
  t: TFunction<'worksheets'>,
): string {
  return relation.label || (relation.relationType ? t(`options.relationType.${relation.relationType}`) : '')
}

/**
 * One relation of a map (2.3 target map, 6.1 plan map): an arrow from `start` to `end` with its
 * label centred on the middle, lifted by `lift` so that it does not sit on the line.
 */
export function MapRelation(props: {
  start: Point
  end: Point
  text: string
  markerId: string
  className: string
  labelClassName: string
  strokeWidth?: number
  lift: number
}) {
  const { start, end, text, markerId, className, labelClassName, strokeWidth, lift } = props
  return (
    <g className={className}>
      <line x1={start.x} y1={start.y} x2={end.x} y2={end.y} strokeWidth={strokeWidth} markerEnd={`url(#${markerId})`} />
      {text ? (
        <text
          x={(start.x + end.x) / 2}
          y={(start.y + end.y) / 2 - lift}
          textAnchor="middle"
          dominantBaseline="middle"
          className={labelClassName}
        >
          {text}
        </text>
      ) : null}
    </g>
  )
}
