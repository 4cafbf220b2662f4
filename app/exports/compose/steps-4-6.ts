// Sub-steps 5.1 to 6.2: intervention ranking and selection, the escalation ladder, the plan map,
// the implementation chart and the indicators.
import { buildPlanMap, type MapItem } from '../../worksheets/planMap.ts'
import { aggregateScores, rank } from '../../worksheets/scoring.ts'
import { INTERVENTION_CRITERIA } from '../../worksheets/step5.ts'
import { type Block, type ListItem } from '../types.ts'
import { heading, itemName, kindTitle, paragraph, present, worksheetTable, type ComposeContext } from './context.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** The 5.2 decisions by intervention id. */
export function selections(ctx: ComposeContext): Map<string, { decision: string; rationale: string }> {
  const out = new Map<string, { decision: string; rationale: string }>()
  for (const s of ctx.ofKind('intervention_selection')) {
    const id = str(s.data.intervention)
    if (id && !out.has(id)) out.set(id, { decision: str(s.data.decision), rationale: str(s.data.rationale) })
  }
  return out
}

const selectedIds = (ctx: ComposeContext) =>
  [...selections(ctx)].flatMap(([id, s]) => (s.decision === 'selected' ? [id] : []))

function interventionSelection(ctx: ComposeContext): Block[] {
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

function ladder(ctx: ComposeContext): Block[] {
  const rungs = ctx.ofKind('escalation_rung')
  if (rungs.length === 0) return []
  const { t } = ctx
  return [
    {
      type: 'table',
      caption: t('worksheets:ladder.title'),
      columns: [
        t('worksheets:ladder.rung'),
        t('worksheets:kinds.escalation_rung.fields.trigger'),
        t('worksheets:kinds.escalation_rung.fields.response'),
        t('worksheets:kinds.escalation_rung.fields.intervention'),
      ],
      rows: rungs.map((r, i) => [
        String(i + 1),
        str(r.data.trigger),
        str(r.data.response),
        r.data.intervention ? itemName(ctx, r.data.intervention) : '—',
      ]),
      numeric: [true, false, false, false],
    },
    paragraph(t('worksheets:ladder.hint'), 'muted'),
  ]
}

const MAP_KINDS = [
  'node',
  'relation',
  'influence',
  'stakeholder',
  'stakeholder_link',
  'intervention',
  'intervention_link',
]

function planMap(ctx: ComposeContext): Block[] {
  const items: MapItem[] = MAP_KINDS.flatMap((k) => ctx.ofKind(k)).map(({ id, kind, ref, data }) => ({
    id,
    kind,
    ref,
    data,
  }))
  const selected = selectedIds(ctx)
  const model = buildPlanMap(items, selected)
  if (model.nodes.length === 0) return []
  const { t } = ctx
  const overlayLine = (o: (typeof model.unattached)[number]): ListItem => ({ runs: [{ text: `${o.ref} ${o.label}` }] })
  const list: ListItem[] = model.nodes.map((n) => ({
    runs: [{ text: `${n.ref} ${n.label}${n.isPivot ? ` — ★ ${t('worksheets:planMap.pivot')}` : ''}`, bold: true }],
    ...(n.overlays.length ? { children: n.overlays.map(overlayLine) } : {}),
  }))
  return [
    {
      type: 'figure',
      figure: 'plan-map',
      caption: t('worksheets:planMap.title'),
      alt: t('worksheets:planMap.pictureLabel'),
      data: { items, selected },
      fallback: present([
        { type: 'list', ordered: false, items: list },
        model.unattached.length ? heading(4, t('worksheets:planMap.unattached')) : null,
        model.unattached.length ? { type: 'list', ordered: false, items: model.unattached.map(overlayLine) } : null,
      ]),
    },
  ]
}

function chart(ctx: ComposeContext): Block[] {
  const activities = ctx.ofKind('activity')
  if (activities.length === 0) return []
  const { t, source } = ctx
  const pick = ({ id, kind, ref, position, data }: (typeof activities)[number]) => ({ id, kind, ref, position, data })
  return [
    {
      type: 'figure',
      figure: 'implementation-chart',
      caption: t('exports:document.implementationChart'),
      alt: t('worksheets:chart.caption'),
      data: {
        horizon: { start: source.plan.startDate, end: source.plan.endDate },
        selected: selectedIds(ctx),
        interventions: ctx.ofKind('intervention').map(pick),
        activities: activities.map(pick),
      },
      fallback: present([worksheetTable(ctx, 'activity')]),
    },
  ]
}

/** The parts of sub-steps 5.1 to 6.2, by code. */
export function substepParts46(ctx: ComposeContext, code: string): Block[] {
  switch (code) {
    case '5.1':
      return present([worksheetTable(ctx, 'intervention')])
    case '5.2':
      return interventionSelection(ctx)
    case '5.3':
      return [
        ...present([
          worksheetTable(ctx, 'intervention_link', {
            columns: ['intervention', 'influences', 'causes', 'partners', 'nodes', 'mechanism'],
          }),
        ]),
        ...ladder(ctx),
      ]
    case '6.1':
      return planMap(ctx)
    case '6.2':
      return [...chart(ctx), ...present([worksheetTable(ctx, 'indicator')])]
    default:
      return []
  }
}
