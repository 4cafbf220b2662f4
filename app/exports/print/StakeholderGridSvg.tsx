// The 4.2 influence × alignment grid as a static picture for print: the worksheet's grid is an
// interactive drag-and-drop form, so the printed plan draws the same cells and quadrants itself.
import { useTranslation } from 'react-i18next'
import { ALIGNMENT_RANGE, INFLUENCE_RANGE, quadrant } from '../../worksheets/stakeholderGrid.ts'

export interface GridStakeholder {
  id: string
  ref: string
  name: string
  influence: number | null
  alignment: number | null
  agreed: boolean
}

const CELL = 120
const LEFT = 70
const TOP = 10
const BOTTOM = 50
const INFLUENCES = [5, 4, 3, 2, 1]
const ALIGNMENTS = [-2, -1, 0, 1, 2]
const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${Math.abs(v)}` : '0')
const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(v)))

export function StakeholderGridSvg({
  stakeholders,
  labelledBy,
}: {
  stakeholders: GridStakeholder[]
  labelledBy: string
}) {
  const { t } = useTranslation('worksheets')
  const width = LEFT + CELL * ALIGNMENTS.length + 10
  const height = TOP + CELL * INFLUENCES.length + BOTTOM
  const cells = new Map<string, GridStakeholder[]>()
  for (const s of stakeholders) {
    if (s.influence === null || s.alignment === null) continue
    const key = `${clamp(s.influence, INFLUENCE_RANGE.min, INFLUENCE_RANGE.max)}:${clamp(s.alignment, ALIGNMENT_RANGE.min, ALIGNMENT_RANGE.max)}`
    cells.set(key, [...(cells.get(key) ?? []), s])
  }
  return (
    <svg className="print-grid" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={labelledBy}>
      {INFLUENCES.map((inf, row) =>
        ALIGNMENTS.map((al, col) => {
          const x = LEFT + col * CELL
          const y = TOP + row * CELL
          const here = cells.get(`${inf}:${al}`) ?? []
          return (
            <g key={`${inf}:${al}`} className={`print-grid__cell print-grid__cell--${quadrant(inf, al)}`}>
              <rect x={x} y={y} width={CELL} height={CELL} />
              {(row === 0 || row === INFLUENCES.length - 1) && (col === 0 || col === ALIGNMENTS.length - 1) ? (
                <text x={x + 6} y={y + (row === 0 ? 16 : CELL - 6)} className="print-grid__quadrant">
                  {t(`quadrant.${quadrant(inf, al)}`)}
                </text>
              ) : null}
              {here.slice(0, 5).map((s, i) => (
                <text
                  key={s.id}
                  x={x + CELL / 2}
                  y={y + 36 + i * 16}
                  textAnchor="middle"
                  className={s.agreed ? 'print-grid__ref' : 'print-grid__ref print-grid__ref--mean'}
                >
                  {s.ref}
                </text>
              ))}
              {here.length > 5 ? (
                <text x={x + CELL / 2} y={y + CELL - 8} textAnchor="middle" className="print-grid__ref">
                  +{here.length - 5}
                </text>
              ) : null}
            </g>
          )
        }),
      )}
      {INFLUENCES.map((inf, row) => (
        <text key={inf} x={LEFT - 10} y={TOP + row * CELL + CELL / 2} textAnchor="end" className="print-grid__axis">
          {inf}
        </text>
      ))}
      {ALIGNMENTS.map((al, col) => (
        <text
          key={al}
          x={LEFT + col * CELL + CELL / 2}
          y={TOP + INFLUENCES.length * CELL + 18}
          textAnchor="middle"
          className="print-grid__axis"
        >
          {signed(al)}
        </text>
      ))}
      <text
        x={LEFT + (CELL * ALIGNMENTS.length) / 2}
        y={height - 8}
        textAnchor="middle"
        className="print-grid__axis-title"
      >
        {t('stakeholderGrid.alignment')}
      </text>
      <text
        x={14}
        y={TOP + (CELL * INFLUENCES.length) / 2}
        textAnchor="middle"
        transform={`rotate(-90 14 ${TOP + (CELL * INFLUENCES.length) / 2})`}
        className="print-grid__axis-title"
      >
        {t('stakeholderGrid.influence')}
      </text>
    </svg>
  )
}
