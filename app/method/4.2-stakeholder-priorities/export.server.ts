// 4.2 in the exported plan: the influence × alignment grid, with the mean scores as its fallback table.
import { type ComposeContext } from '../../exports/compose/context.ts'
import { type Block } from '../../exports/types.ts'
import { aggregateScores } from '../../worksheets/scoring.ts'
import { placementOf, quadrant, QUADRANTS, type Quadrant } from '../../worksheets/stakeholderGrid.ts'
import { STAKEHOLDER_CRITERIA } from './worksheet.ts'
import { withCode } from '../../worksheets/recordName.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${Math.abs(v)}` : '0')

/** Each stakeholder's place on the influence × alignment grid (agreed, else mean scores). */
function stakeholderPlacements(ctx: ComposeContext) {
  const stakeholders = ctx.ofKind('stakeholder')
  const means = new Map<string, Record<string, number | null>>()
  for (const c of STAKEHOLDER_CRITERIA) {
    for (const s of aggregateScores(
      stakeholders.map((x) => x.id),
      ctx.source.scores ?? [],
      [c],
    ))
      means.set(s.subjectId, { ...means.get(s.subjectId), [c.key]: s.weightedMean })
  }
  return stakeholders.map((s) => {
    const m = means.get(s.id) ?? {}
    const p = placementOf(s.data, { influence: m.influence ?? null, alignment: m.alignment ?? null })
    return {
      id: s.id,
      ref: s.ref,
      name: str(s.data.name),
      means: m,
      placement: p,
      quadrant: p ? quadrant(p.influence, p.alignment) : null,
    }
  })
}

export function stakeholderPrioritiesSection(ctx: ComposeContext): Block[] {
  const placed = stakeholderPlacements(ctx)
  if (placed.length === 0) return []
  const { t } = ctx
  const mean = (v: number | null | undefined) => (v === null || v === undefined ? '—' : ctx.num(v, 1))
  const byQuadrant = Object.fromEntries(
    QUADRANTS.map((q) => [
      q,
      placed
        .filter((s) => s.quadrant === q)
        .map((s) => withCode(s.name, s.ref, t('worksheets:untitled')))
        .join('; ') || t('worksheets:stakeholderGrid.none'),
    ]),
  ) as Record<Quadrant, string>
  const data = {
    stakeholders: placed.map((s) => ({
      id: s.id,
      ref: s.ref,
      name: s.name,
      influence: s.placement?.influence ?? null,
      alignment: s.placement?.alignment ?? null,
      agreed: s.placement?.source === 'agreed',
    })),
  }
  return [
    {
      type: 'figure',
      figure: 'stakeholder-grid',
      caption: t('worksheets:stakeholderGrid.title'),
      alt: t('worksheets:stakeholderGrid.summary', byQuadrant),
      data,
      fallback: [
        {
          type: 'table',
          caption: t('worksheets:stakeholderScores.title'),
          columns: [
            t('worksheets:kinds.stakeholder.fields.name'),
            ...STAKEHOLDER_CRITERIA.map((c) => t(`worksheets:stakeholderScores.criteria.${c.key}`)),
            t('worksheets:stakeholderScores.placement'),
          ],
          rows: placed.map((s) => [
            withCode(s.name, s.ref, t('worksheets:untitled')),
            ...STAKEHOLDER_CRITERIA.map((c) => mean(s.means[c.key])),
            s.placement && s.quadrant
              ? `${t(`worksheets:quadrant.${s.quadrant}`)} (${ctx.num(s.placement.influence, 1)} / ${signed(Math.round(s.placement.alignment * 10) / 10)}${s.placement.source === 'agreed' ? '' : `, ${t('worksheets:stakeholderScores.fromMeans')}`})`
              : t('worksheets:stakeholderScores.notPlaced'),
          ]),
          numeric: [false, ...STAKEHOLDER_CRITERIA.map(() => true), false],
        },
      ],
    },
  ]
}
