// 2.2 in the exported plan: the criteria, the ranking of the pairs by weighted mean, the decision.
import { aggregateScores, rank, type Criterion } from '../../worksheets/scoring.ts'
import { heading, itemName, kindTitle, paragraph, present, type ComposeContext } from '../../exports/compose/context.ts'
import { type Block } from '../../exports/types.ts'
import { SCORE_MAX, SCORE_MIN } from './worksheet.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** "Disguised casual employment × Large estate companies (P1)", as every page names a pair. */
const pairName = (ctx: ComposeContext, id: unknown): string => itemName(ctx, id)

function ranking(ctx: ComposeContext): Block[] {
  const { t } = ctx
  const pairs = ctx.ofKind('pair')
  if (pairs.length === 0) return []
  if (ctx.source.scores === null) return [paragraph(t('exports:document.scoresNotFrozen'), 'muted')]
  const criteria: Criterion[] = ctx.ofKind('criterion').map((c) => ({
    key: c.id,
    weight: typeof c.data.weight === 'number' ? c.data.weight : 1,
    min: SCORE_MIN,
    max: SCORE_MAX,
  }))
  const scored = rank(
    aggregateScores(
      pairs.map((p) => p.id),
      ctx.source.scores,
      criteria,
    ),
  )
  const constituencies = [
    ...new Set(ctx.source.scores.filter((s) => ctx.byId.get(s.subject_id)?.kind === 'pair').map((s) => s.constituency)),
  ].sort()
  const mean = (v: number | null | undefined) => (v === null || v === undefined ? '—' : ctx.num(v, 2))
  return [
    {
      type: 'table',
      caption: t('exports:document.pairRanking'),
      columns: [
        t('worksheets:priorities.rank'),
        t('exports:document.pair'),
        t('worksheets:priorities.score'),
        t('worksheets:priorities.spread'),
        ...constituencies.map((c) => t(`common:constituency.${c}`)),
        t('worksheets:stakeholderScores.scorers'),
      ],
      rows: scored.map((s, i) => [
        s.weightedMean === null ? '—' : String(i + 1),
        pairName(ctx, s.subjectId),
        mean(s.weightedMean),
        s.spread ? `${s.spread.min}–${s.spread.max}` : '—',
        ...constituencies.map((c) => mean(s.byConstituency[c])),
        String(s.scorers),
      ]),
      numeric: [true, false, true, false, ...constituencies.map(() => true), true],
    },
  ]
}

function criteriaTable(ctx: ComposeContext): Block | null {
  const items = ctx.ofKind('criterion')
  if (items.length === 0) return null
  const { t } = ctx
  return {
    type: 'table',
    caption: kindTitle(ctx, 'criterion'),
    columns: [t('worksheets:kinds.criterion.fields.name'), t('worksheets:kinds.criterion.fields.weight')],
    rows: items.map((c) => [itemName(ctx, c.id), typeof c.data.weight === 'number' ? ctx.num(c.data.weight) : '—']),
    numeric: [false, true],
  }
}

function decision(ctx: ComposeContext): Block[] {
  const d = ctx.ofKind('priority_decision')[0]
  if (!d) return [paragraph(ctx.t('exports:document.noDecision'), 'muted')]
  const pairs = Array.isArray(d.data.pairs) ? d.data.pairs : []
  return [
    heading(3, ctx.t('exports:document.decision')),
    {
      type: 'facts',
      items: [
        { label: ctx.t('exports:document.priority'), value: pairs.map((p) => pairName(ctx, p)).join('; ') || '—' },
        { label: ctx.t('worksheets:kinds.priority_decision.fields.rationale'), value: str(d.data.rationale) || '—' },
        { label: ctx.t('worksheets:kinds.priority_decision.fields.dissent'), value: str(d.data.dissent) || '—' },
      ],
    },
  ]
}

export function prioritiseSection(ctx: ComposeContext): Block[] {
  return present([criteriaTable(ctx), ...ranking(ctx), ...decision(ctx)])
}
