import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { MapRelation, relationText } from './MapRelation.tsx'
import {
  CHIP_GAP,
  CHIP_HEIGHT,
  NODE_HEIGHT,
  NODE_WIDTH,
  RELATION_LINE,
  wrapLabel,
  type Placed,
} from '../targetMapLayout.ts'
import { routeTargetMap } from '../targetMapRoutes.ts'

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

const MIN_WIDTH = 960
const MIN_HEIGHT = 420

/**
 * The target map as SVG: labelled boxes (pivots with a star and a double border), arrows routed
 * around the boxes with their labels where they hide nothing (mapRouter.ts), and optional overlay
 * chips under each node. Used by 2.3 (interactive), 4.3 (with chips) and the exported plan.
 */
export function TargetMapSvg({ nodes, relations, positions, labelledBy, overlays = [], interaction, children }: Props) {
  const { t, i18n } = useTranslation('worksheets')
  const chips = new Map<string, TargetMapOverlayItem[]>()
  for (const o of overlays) chips.set(o.nodeId, [...(chips.get(o.nodeId) ?? []), o])
  const relationById = new Map(relations.map((r) => [r.id, r]))
  const geometry = routeTargetMap(
    nodes.map((n) => n.id),
    relations.map((r) => ({ id: r.id, from: r.from, to: r.to, text: relationText(r, t) })),
    positions,
    new Map([...chips].map(([id, c]) => [id, c.length])),
  )
  // The picture from the origin (where people place nodes) to whatever the arrows need, never tiny.
  const left = Math.min(0, geometry.bounds.x)
  const top = Math.min(0, geometry.bounds.y)
  const right = Math.max(MIN_WIDTH, geometry.bounds.x + geometry.bounds.width)
  const bottom = Math.max(MIN_HEIGHT, geometry.bounds.y + geometry.bounds.height)
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
      viewBox={`${left} ${top} ${right - left} ${bottom - top}`}
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
        {geometry.edges.map((e) => (
          <MapRelation
            key={e.id}
            points={e.points}
            label={e.label}
            markerId="tm-arrow"
            className="target-map__relation"
            labelClassName="target-map__relation-label"
            strokeWidth={1 + (relationById.get(e.id)?.strength ?? 2) * 0.75}
            lineHeight={RELATION_LINE}
          />
        ))}
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
                  // Named by its visible words (WCAG 2.5.3: what is seen is what speech input can
                  // say); the whole label, type and pivot role follow as its description.
                  'aria-describedby': `node-desc-${n.id} ${interaction.describedBy}`,
                  'aria-pressed': selected,
                  onPointerDown: (e: React.PointerEvent<SVGGElement>) => interaction.onPointerDown(e, n.id),
                  onKeyDown: (e: React.KeyboardEvent<SVGGElement>) => interaction.onKeyDown(e, n.id),
                  onFocus: () => interaction.onFocus(n.id),
                }
              : {})}
          >
            {interaction ? <desc id={`node-desc-${n.id}`}>{nodeName(n)}</desc> : <title>{nodeName(n)}</title>}
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} className="target-map__box" />
            {n.isPivot ? (
              <rect x={4} y={4} width={NODE_WIDTH - 8} height={NODE_HEIGHT - 8} rx={4} className="target-map__inner" />
            ) : null}
            {/* In reading order (reference, words, type), which is the order of the button's name. */}
            <text x={n.isPivot ? 24 : 10} y={18} className="target-map__ref">
              {n.ref}
            </text>
            {lines.map((line, i) => (
              <text key={i} x={10} y={36 + i * 15} className="target-map__label">
                {line}
              </text>
            ))}
            <text x={NODE_WIDTH - 10} y={18} textAnchor="end" className="target-map__type">
              {n.nodeType ? t(`options.nodeCategory.${n.nodeType}`) : ''}
            </text>
            {n.isPivot ? (
              <text x={10} y={18} className="target-map__ref" aria-hidden="true">
                ★
              </text>
            ) : null}
            {counts ? (
              <text x={10} y={NODE_HEIGHT - 6} className="target-map__counts">
                {counts}
              </text>
            ) : null}
            {(chips.get(n.id) ?? []).map((c, i) => (
              <g
                key={c.id}
                transform={`translate(0 ${NODE_HEIGHT + CHIP_GAP + i * (CHIP_HEIGHT + CHIP_GAP)})`}
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
