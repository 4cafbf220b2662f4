// 5.2 in the exported plan: the interventions ranked by weighted mean (cost reversed), with the
// decision and its rationale; the decisions are also what the 6.1 map and the 6.2 chart show.
import { itemName, kindTitle, paragraph, type ComposeContext } from '../../exports/compose/context.ts'
import { type Block } from '../../exports/types.ts'
import { aggregateScores, rank } from '../../worksheets/scoring.ts'
import { INTERVENTION_CRITERIA, SELECTION_KIND } from './worksheet.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** The 5.2 decisions by intervention id. */
export function selections(ctx: ComposeContext): Map<string, { decision: string; rationale: string }> {
  const out = new Map<string, { decision: string; rationale: string }>()
  for (const s of ctx.ofKind(SELECTION_KIND)) {
    const id = str(s.data.intervention)
    if (id && !out.has(id)) out.set(id, { decision: str(s.data.decision), rationale: str(s.data.rationale) })
  }
  return out
}

export const selectedIds = (ctx: ComposeContext) =>
  [...selections(ctx)].flatMap(([id, s]) => (s.decision === 'selected' ? [id] : []))

export function interventionPrioritiesSection(ctx: ComposeContext): Block[] {
  const interventions = ctx.ofKind('intervention')
  if (interventions.length === 0) return []
  const { t } = ctx
  const decided = selections(ctx)
  const scores = ctx.source.scores
  const order = scores
    ? rank(
        aggregateScores(
          interventions.map((i) => i.id),
          scores,
          INTERVENTION_CRITERIA,
        ),
      )
    : interventions.map((i) => ({ subjectId: i.id, weightedMean: null, spread: null }))
  return [
    ...(scores ? [] : [paragraph(t('exports:document.scoresNotFrozen'), 'muted')]),
    {
      type: 'table',
      caption: t('worksheets:priorities.rankingTitle'),
      columns: [
        t('worksheets:priorities.rank'),
        kindTitle(ctx, 'intervention'),
        t('worksheets:priorities.score'),
        t('worksheets:priorities.spread'),
        t('worksheets:selection.decision'),
        t('worksheets:selection.rationale'),
      ],
      rows: order.map((s, i) => {
        const d = decided.get(s.subjectId)
        return [
          s.weightedMean === null ? '—' : String(i + 1),
          itemName(ctx, s.subjectId),
          s.weightedMean === null ? '—' : ctx.num(s.weightedMean, 2),
          s.spread ? `${s.spread.min}–${s.spread.max}` : '—',
          d ? t(`worksheets:selection.decisions.${d.decision}`) : t('worksheets:selection.undecided'),
          d?.rationale || '—',
        ]
      }),
      numeric: [true, false, true, false, false, false],
    },
  ]
}
