// Sub-steps 1.1 to 3.2: mandate, resources and their ratios, data, issues and targets, the 2.2
// ranking and decision, the target map, the problem tree and the influences.
import { resourceRatios } from '../../worksheets/ratios.ts'
import { aggregateScores, rank, type Criterion } from '../../worksheets/scoring.ts'
import { SCORE_MAX, SCORE_MIN } from '../../worksheets/step2.ts'
import { layoutTargetMap } from '../../worksheets/targetMapLayout.ts'
import { type Block, type ListItem } from '../types.ts'
import {
  asView,
  fieldText,
  heading,
  itemFacts,
  itemName,
  kindTitle,
  paragraph,
  present,
  worksheetTable,
  type ComposeContext,
} from './context.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const numOrNull = (v: unknown) => (typeof v === 'number' ? v : null)

export function ratiosBlock(ctx: ComposeContext): Block {
  const { t } = ctx
  const r = resourceRatios(ctx.ofKind('resource').map(asView), ctx.ofKind('scope_figures').map(asView)[0])
  const fmt = (v: number | null, digits = 0) => (v === null ? t('worksheets:ratios.unknown') : ctx.num(v, digits))
  const inspectors =
    r.inspectorsWomen === null
      ? fmt(r.inspectors)
      : t('worksheets:ratios.inspectorsWithWomen', { total: fmt(r.inspectors), women: fmt(r.inspectorsWomen) })
  const rows: [string, string][] = [
    ['inspectors', inspectors],
    ['establishmentsPerInspector', fmt(r.establishmentsPerInspector)],
    ['workersPerInspector', fmt(r.workersPerInspector)],
    ['inspectorsPer10000Employed', fmt(r.inspectorsPer10000Employed, 2)],
    ['fieldDays', fmt(r.fieldDays)],
    ['fieldDaysPerInspector', fmt(r.fieldDaysPerInspector, 1)],
  ]
  return { type: 'facts', items: rows.map(([key, value]) => ({ label: t(`worksheets:ratios.${key}`), value })) }
}

/** "P1: I1 Disguised casual employment × T1 Estates over 500 ha". */
export function pairName(ctx: ComposeContext, id: unknown): string {
  const pair = typeof id === 'string' ? ctx.byId.get(id) : undefined
  return pair ? `${pair.ref}: ${itemName(ctx, pair.data.issue)} × ${itemName(ctx, pair.data.target)}` : '?'
}

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
    columns: [
      t('worksheets:ref'),
      t('worksheets:kinds.criterion.fields.name'),
      t('worksheets:kinds.criterion.fields.weight'),
    ],
    rows: items.map((c) => [
      c.ref,
      str(c.data.name) || t(`worksheets:options.criterionKey.${str(c.data.criterionKey)}`),
      typeof c.data.weight === 'number' ? ctx.num(c.data.weight) : '—',
    ]),
    numeric: [false, false, true],
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

function targetMap(ctx: ComposeContext): Block[] {
  const nodes = ctx.ofKind('node')
  if (nodes.length === 0) return []
  const relations = ctx.ofKind('relation').map((r) => ({
    id: r.id,
    from: str(r.data.from),
    to: str(r.data.to),
    relationType: str(r.data.relationType) || null,
    label: str(r.data.label),
    strength: numOrNull(r.data.strength),
  }))
  const placed = layoutTargetMap(
    nodes.map((n) => ({ id: n.id, x: n.data.x, y: n.data.y })),
    relations,
  )
  const data = {
    nodes: nodes.map((n) => ({
      id: n.id,
      ref: n.ref,
      label: str(n.data.label),
      nodeType: str(n.data.nodeCategory) || null,
      isPivot: n.data.isPivot === true,
      countUnits: numOrNull(n.data.countUnits),
      countWorkers: numOrNull(n.data.countWorkers),
    })),
    relations,
    positions: [...placed.values()],
  }
  const { t } = ctx
  return [
    {
      type: 'figure',
      figure: 'target-map',
      caption: t('worksheets:targetMap.title'),
      alt: t('worksheets:targetMap.diagram', { nodes: nodes.length, relations: relations.length }),
      data,
      fallback: present([
        worksheetTable(ctx, 'node'),
        worksheetTable(ctx, 'relation', { columns: ['from', 'relationType', 'to', 'label', 'strength'] }),
      ]),
    },
  ]
}

function causes(ctx: ComposeContext): Block[] {
  const all = ctx.ofKind('cause')
  if (all.length === 0) return []
  const spec = { name: 'category', type: 'enum' as const, options: [] }
  const line = (c: (typeof all)[number]) =>
    [c.ref, str(c.data.statement), c.data.category ? fieldText(ctx, spec, c.data.category) : null]
      .filter(Boolean)
      .join(' · ')
  // Roots are causes without a (known) parent; the tree reads top-down like the 3.1 page.
  const parentOf = (c: (typeof all)[number]) => (ctx.byId.has(str(c.data.parent)) ? str(c.data.parent) : null)
  const childrenOf = (parent: string | null): ListItem[] =>
    all
      .filter((c) => parentOf(c) === parent)
      .map((c) => {
        const children = childrenOf(c.id)
        return { runs: [{ text: line(c) }], ...(children.length ? { children } : {}) }
      })
  return [
    heading(3, kindTitle(ctx, 'cause')),
    { type: 'list', ordered: false, items: childrenOf(null) },
    ...present([
      worksheetTable(ctx, 'cause', { columns: ['statement', 'level', 'parent', 'category', 'confidence', 'evidence'] }),
    ]),
  ]
}

/** The parts of sub-steps 1.1 to 3.2, by code. */
export function substepParts13(ctx: ComposeContext, code: string): Block[] {
  switch (code) {
    case '1.1':
      return present([worksheetTable(ctx, 'mandate')])
    case '1.2':
      return present([
        itemFacts(ctx, 'scope_figures') ? heading(3, kindTitle(ctx, 'scope_figures')) : null,
        itemFacts(ctx, 'scope_figures'),
        worksheetTable(ctx, 'resource'),
        heading(3, ctx.t('worksheets:ratios.title')),
        ratiosBlock(ctx),
      ])
    case '1.3':
      return present([worksheetTable(ctx, 'data_source')])
    case '2.1':
      return present([
        worksheetTable(ctx, 'issue', {
          columns: ['title', 'issueType', 'legalProvisions', 'mandate', 'evidence', 'affectedGroups'],
        }),
        worksheetTable(ctx, 'target'),
      ])
    case '2.2':
      return present([criteriaTable(ctx), ...ranking(ctx), ...decision(ctx)])
    case '2.3':
      return targetMap(ctx)
    case '3.1':
      return [...causes(ctx), ...present([worksheetTable(ctx, 'effect')])]
    case '3.2':
      return present([worksheetTable(ctx, 'influence')])
    default:
      return []
  }
}
