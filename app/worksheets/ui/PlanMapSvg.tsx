import { useTranslation } from 'react-i18next'
import { type Layer, type Overlay, type PlanMapModel } from '../planMap.ts'
import { HEADER_HEIGHT, PM_RELATION_LINE, ROW_HEIGHT, routePlanMap } from '../planMapLayout.ts'
import { wrapLabel } from '../targetMapLayout.ts'
import { MapRelation, relationText } from './MapRelation.tsx'

/** One overlay's symbol: shape and sign carry the meaning, colour only repeats it (prints in black and white). */
export function OverlaySymbol({
  overlay,
  x,
  y,
}: {
  overlay: Pick<Overlay, 'layer' | 'polarity'>
  x: number
  y: number
}) {
  if (overlay.layer === 'influences' && overlay.polarity === 'driver') {
    return (
      <g className="pm-sym pm-sym--driver">
        <circle cx={x} cy={y} r={7} />
        <text x={x} y={y + 4} textAnchor="middle">
          +
        </text>
      </g>
    )
  }
  if (overlay.layer === 'influences') {
    return (
      <g className="pm-sym pm-sym--constraint">
        <rect x={x - 7} y={y - 7} width={14} height={14} />
        <text x={x} y={y + 4} textAnchor="middle">
          −
        </text>
      </g>
    )
  }
  if (overlay.layer === 'stakeholders') {
    return (
      <g className="pm-sym pm-sym--stakeholder">
        <polygon points={`${x},${y - 8} ${x + 8},${y} ${x},${y + 8} ${x - 8},${y}`} />
      </g>
    )
  }
  return (
    <g className="pm-sym pm-sym--intervention">
      <polygon
        points={`${x - 8},${y} ${x - 4},${y - 7} ${x + 4},${y - 7} ${x + 8},${y} ${x + 4},${y + 7} ${x - 4},${y + 7}`}
      />
    </g>
  )
}

/** The consolidated plan map as a picture; the same content is listed in text beside it. */
export function PlanMapSvg({
  model,
  layers,
  positions,
  titleId,
}: {
  model: PlanMapModel
  layers: ReadonlySet<Layer>
  positions: { id: string; x: number; y: number }[]
  titleId: string
}) {
  const { t } = useTranslation('worksheets')
  const { cards, width, height, edges, bounds } = routePlanMap(model, layers, positions, (r) => relationText(r, t))
  // From the origin to whatever the arrows need beyond the cards.
  const left = Math.min(0, bounds.x)
  const top = Math.min(0, bounds.y)
  const right = Math.max(width, bounds.x + bounds.width)
  const bottom = Math.max(height, bounds.y + bounds.height)
  return (
    <svg
      className="plan-map__svg"
      viewBox={`${left} ${top} ${right - left} ${bottom - top}`}
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMidYMin meet"
    >
      <defs>
        <marker
          id="pm-arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#3d4650" />
        </marker>
      </defs>
      {edges.map((e) => (
        <MapRelation
          key={e.id}
          points={e.points}
          label={e.label}
          markerId="pm-arrow"
          className="pm-relation"
          labelClassName="pm-relation__label"
          lineHeight={PM_RELATION_LINE}
        />
      ))}
      {cards.map((c) => {
        const [line1, line2] = wrapLabel(`${c.node.ref} ${c.node.label}`, 32, 2)
        return (
          <g key={c.node.id} className={`pm-node${c.node.isPivot ? ' pm-node--pivot' : ''}`}>
            <rect x={c.x} y={c.y} width={c.width} height={c.height} rx={6} className="pm-node__box" />
            {c.node.isPivot ? (
              <rect
                x={c.x + 4}
                y={c.y + 4}
                width={c.width - 8}
                height={c.height - 8}
                rx={4}
                className="pm-node__inner"
              />
            ) : null}
            <text x={c.x + 12} y={c.y + 20} className="pm-node__label">
              {line1}
            </text>
            {line2 ? (
              <text x={c.x + 12} y={c.y + 36} className="pm-node__label">
                {line2}
              </text>
            ) : null}
            <text x={c.x + c.width - 10} y={c.y + HEADER_HEIGHT - 6} textAnchor="end" className="pm-node__type">
              {c.node.isPivot ? `★ ${t('planMap.pivot')} · ` : ''}
              {c.node.nodeType ? t(`options.nodeCategory.${c.node.nodeType}`) : ''}
            </text>
            {c.overlays.map((o, i) => {
              const y = c.y + HEADER_HEIGHT + 8 + i * ROW_HEIGHT + ROW_HEIGHT / 2
              return (
                <g key={o.id} className={`pm-overlay pm-overlay--${o.layer}`}>
                  <title>{`${o.ref} ${o.label}`}</title>
                  <OverlaySymbol overlay={o} x={c.x + 20} y={y} />
                  <text x={c.x + 34} y={y + 4} className="pm-overlay__text">
                    <tspan className="pm-overlay__ref">{o.ref}</tspan> {wrapLabel(o.label, 36, 1)[0]}
                  </text>
                </g>
              )
            })}
          </g>
        )
      })}
    </svg>
  )
}
