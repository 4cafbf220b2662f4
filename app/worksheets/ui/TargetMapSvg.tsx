import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { MapRelation, relationText } from './MapRelation.tsx'
import { edgePoint, mapBounds, NODE_HEIGHT, NODE_WIDTH, wrapLabel, type Placed } from '../targetMapLayout.ts'

export interface TargetMapNode {
  id: string
  ref: string
  label: string
  nodeType: string | null
  isPivot: boolean
  countUnits?: number | null
  countWorkers?: number | null
}

export interface TargetMapRelation {
  id: string
  from: string
  to: string
  relationType: string | null
  label?: string
  strength?: number | null
}

/** Something a later step attaches to a node (an influence, a stakeholder, an intervention …). */
export interface TargetMapOverlayItem {
  id: string
  nodeId: string
  label: string
  /** Styles the chip (e.g. `overlay--driver`); keep black-on-white readable for print. */
  className?: string
}

export interface TargetMapInteraction {
  selectedId: string | null
  describedBy: string
  onPointerDown: (event: React.PointerEvent<SVGGElement>, id: string) => void
  onKeyDown: (event: React.KeyboardEvent<SVGGElement>, id: string) => void
  onFocus: (id: string) => void
}

interface Props {
  nodes: TargetMapNode[]
  relations: TargetMapRelation[]
  positions: Map<string, Placed>
  labelledBy: string
  overlays?: TargetMapOverlayItem[]
  interaction?: TargetMapInteraction
  /** Extra SVG drawn above the map (in map coordinates). */
  children?: React.ReactNode
}

const CHIP_HEIGHT = 20

/**
 * The target map as SVG: labelled boxes (pivots with a star and a double border), arrows with
 * relation labels, and optional overlay chips under each node. Used by 2.3 (interactive) and by
 * later layers of the plan map (static, with overlays).
 */
export function TargetMapSvg({ nodes, relations, positions, labelledBy, overlays = [], interaction, children }: Props) {
  const { t, i18n } = useTranslation('worksheets')
  const chips = new Map<string, TargetMapOverlayItem[]>()
  for (const o of overlays) chips.set(o.nodeId, [...(chips.get(o.nodeId) ?? []), o])
  const bounds = mapBounds(positions.values())
  const extra = Math.max(0, ...[...chips.values()].map((c) => c.length)) * (CHIP_HEIGHT + 4)
  const num = (v: number) => formatNumber(v, i18n.language)
  const nodeName = (n: TargetMapNode) =>
    t('targetMap.nodeName', {
      ref: n.ref,
      label: n.label,
      type: n.nodeType ? t(`options.nodeCategory.${n.nodeType}`) : '—',
    }) + (n.isPivot ? t('targetMap.pivotSuffix') : '')
  return (
    <svg
      className="target-map__svg"
      viewBox={`0 0 ${bounds.width} ${bounds.height + extra}`}
      role={interaction ? 'group' : 'img'}
      aria-labelledby={labelledBy}
      preserveAspectRatio="xMidYMin meet"
    >
      <defs>
        <marker
          id="tm-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="target-map__arrowhead" />
        </marker>
      </defs>
      <g className="target-map__relations">
        {relations.map((r) => {
          const a = positions.get(r.from)
          const b = positions.get(r.to)
          if (!a || !b) return null
          const start = edgePoint(a, b, 2)
          const end = edgePoint(b, a, 4)
          const mostlyHorizontal = Math.abs(end.y - start.y) < Math.abs(end.x - start.x)
          return (
            <MapRelation
              key={r.id}
              start={start}
              end={end}
              text={relationText(r, t)}
              markerId="tm-arrow"
              className="target-map__relation"
              labelClassName="target-map__relation-label"
              strokeWidth={1 + (r.strength ?? 2) * 0.75}
              lift={mostlyHorizontal ? 10 : 0}
            />
          )
        })}
      </g>
      {nodes.map((n) => {
        const p = positions.get(n.id)
        if (!p) return null
        const x = p.x - NODE_WIDTH / 2
        const y = p.y - NODE_HEIGHT / 2
        const lines = wrapLabel(n.label, 26, 2)
        const counts = [
          n.countUnits != null ? t('targetMap.units', { value: num(n.countUnits) }) : null,
          n.countWorkers != null ? t('targetMap.workers', { value: num(n.countWorkers) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')
        const selected = interaction?.selectedId === n.id
        return (
          <g
            key={n.id}
            className={`target-map__node${n.isPivot ? ' target-map__node--pivot' : ''}${selected ? ' target-map__node--selected' : ''}`}
            transform={`translate(${x} ${y})`}
            {...(interaction
              ? {
                  tabIndex: 0,
                  role: 'button',
                  'aria-roledescription': t('targetMap.node'),
                  'aria-label': nodeName(n),
                  'aria-describedby': interaction.describedBy,
                  'aria-pressed': selected,
                  onPointerDown: (e: React.PointerEvent<SVGGElement>) => interaction.onPointerDown(e, n.id),
                  onKeyDown: (e: React.KeyboardEvent<SVGGElement>) => interaction.onKeyDown(e, n.id),
                  onFocus: () => interaction.onFocus(n.id),
                }
              : {})}
          >
            {interaction ? null : <title>{nodeName(n)}</title>}
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} className="target-map__box" />
            {n.isPivot ? (
              <rect x={4} y={4} width={NODE_WIDTH - 8} height={NODE_HEIGHT - 8} rx={4} className="target-map__inner" />
            ) : null}
            <text x={10} y={18} className="target-map__ref">
              {n.isPivot ? `★ ${n.ref}` : n.ref}
            </text>
            <text x={NODE_WIDTH - 10} y={18} textAnchor="end" className="target-map__type">
              {n.nodeType ? t(`options.nodeCategory.${n.nodeType}`) : ''}
            </text>
            {lines.map((line, i) => (
              <text key={i} x={10} y={36 + i * 15} className="target-map__label">
                {line}
              </text>
            ))}
            {counts ? (
              <text x={10} y={NODE_HEIGHT - 6} className="target-map__counts">
                {counts}
              </text>
            ) : null}
            {(chips.get(n.id) ?? []).map((c, i) => (
              <g
                key={c.id}
                transform={`translate(0 ${NODE_HEIGHT + 4 + i * (CHIP_HEIGHT + 4)})`}
                className={`target-map__chip ${c.className ?? ''}`}
              >
                <rect width={NODE_WIDTH} height={CHIP_HEIGHT} rx={3} />
                <text x={8} y={CHIP_HEIGHT - 6}>
                  {wrapLabel(c.label, 30, 1)[0]}
                </text>
              </g>
            ))}
          </g>
        )
      })}
      {children}
    </svg>
  )
}
