// The parts of the document around the six steps: plan facts, the team by constituency, the
// review state, the narrative, endorsements and the monitoring summary.
import { docName } from '#core/collab/contract.ts'
import { indicatorProgress } from '../../monitoring/progress.ts'
import { countryName } from '../../utils/countries.ts'
import { CONSTITUENCIES } from '#core/vocabulary.ts'
import { STEPS, type SubstepCode } from '#core/substeps.ts'
import { lexicalToBlocks } from '../lexical-blocks.server.ts'
import { type Block, type DocumentSection } from '../types.ts'
import { heading, paragraph, present, type ComposeContext } from './context.ts'
import { signoffCountsFact, substepSignoffBlock } from './signoff.ts'
import { SUBSTEPS } from '../../method/substeps.server.ts'
import { withCode } from '../../worksheets/recordName.ts'

export function planFacts(ctx: ComposeContext): { label: string; value: string }[] {
  const { t, source } = ctx
  const p = source.plan
  return [
    { label: t('common:plan.fields.country'), value: countryName(p.countryCode, ctx.lang) },
    ...(p.region ? [{ label: t('common:plan.fields.region'), value: p.region }] : []),
    {
      label: t('common:plan.fields.sectors'),
      value: p.sectors.map((s) => `${s} ${t(`common:isic.${s}`)}`).join('; ') || '—',
    },
    { label: t('common:plan.fields.scope'), value: t(`common:plan.scope.${p.scope}`) },
    { label: t('exports:document.horizon'), value: `${ctx.date(p.startDate)} – ${ctx.date(p.endDate)}` },
    { label: t('common:plan.fields.status'), value: t(`common:plan.status.${p.status}`) },
    ...CONSTITUENCIES.flatMap((c) => {
      const members = source.team.filter((m) => m.constituency === c)
      return members.length
        ? [
            {
              label: t(`common:constituency.${c}`),
              value: members.map((m) => `${m.name} (${m.organisation}, ${t(`common:roles.${m.role}`)})`).join('; '),
            },
          ]
        : []
    }),
  ]
}

/**
 * A document's blocks under a heading of level `base`, without the heading the server seeds notes
 * with (the sub-step code); empty if nothing else was written.
 */
function written(ctx: ComposeContext, substep: SubstepCode | null, base: 2 | 3): Block[] {
  const content = ctx.source.documents.get(docName({ planId: ctx.source.plan.id, substep }))
  if (!content) return []
  const blocks = 'lexical' in content ? lexicalToBlocks(content.lexical, { headingBase: base }) : content.blocks
  const kept = blocks.filter((b) => !(b.type === 'heading' && substep !== null && b.text.trim() === substep))
  return kept.some((b) => b.type !== 'heading') ? kept : []
}

export function planSection(ctx: ComposeContext): DocumentSection {
  const { t, source } = ctx
  const narrative = written(ctx, null, 2)
  const review: Block = {
    type: 'facts',
    items: [
      { label: t('common:lifecycle.status'), value: t(`common:plan.status.${source.plan.status}`) },
      { label: t('exports:document.openReviewComments'), value: ctx.num(source.openReviewComments, 0) },
      ...signoffCountsFact(ctx),
      ...(source.version
        ? [
            {
              label: t('common:lifecycle.versionN', { n: source.version.number }),
              value: t('common:lifecycle.approvedBy', {
                name: source.version.approvedBy ?? '—',
                when: ctx.date(source.version.approvedAt.slice(0, 10)),
              }),
            },
          ]
        : []),
      // An approval without every constituency's endorsement never travels without its reason.
      ...(source.overrideReason
        ? [{ label: t('common:lifecycle.overrideReasonLabel'), value: source.overrideReason }]
        : []),
    ],
  }
  return {
    key: 'plan',
    blocks: present([
      heading(1, t('exports:document.aboutPlan'), 'plan'),
      heading(2, t('common:team.title')),
      {
        type: 'table',
        caption: t('common:team.title'),
        columns: [
          t('common:team.constituency'),
          t('common:team.person'),
          t('common:team.organisation'),
          t('common:team.role'),
        ],
        rows: [...source.team]
          .sort(
            (a, b) => CONSTITUENCIES.indexOf(a.constituency as never) - CONSTITUENCIES.indexOf(b.constituency as never),
          )
          .map((m) => [
            t(`common:constituency.${m.constituency}`),
            m.name,
            m.organisation,
            t(`common:roles.${m.role}`),
          ]),
      },
      heading(2, t('exports:document.reviewState')),
      review,
      ...(narrative.length ? [heading(2, t('collab:narrative.title')), ...narrative] : []),
    ]),
  }
}

export function stepSections(ctx: ComposeContext): DocumentSection[] {
  const { t } = ctx
  return STEPS.map(({ step, substeps }) => ({
    key: String(step),
    blocks: [
      heading(1, `${t('steps:stepLabel', { step })} · ${t(`steps:step.${step}.name`)}`, `step-${step}`),
      ...substeps.flatMap((code) => {
        const parts = SUBSTEPS[code].exportSection(ctx)
        const notes = written(ctx, code, 3)
        return [
          heading(2, `${code} ${t(`steps:substep.${code}.name`)}`, `substep-${code}`),
          ...substepSignoffBlock(ctx, code),
          ...(parts.length ? parts : [paragraph(t('exports:document.nothingYet'), 'muted')]),
          ...(notes.length ? [heading(3, t('collab:notes.title')), ...notes] : []),
        ]
      }),
    ],
  }))
}

export function monitoringSection(ctx: ComposeContext): DocumentSection {
  const { t, source } = ctx
  const indicators = ctx.ofKind('indicator')
  const value = (v: unknown) => (typeof v === 'number' ? ctx.num(v) : '—')
  const rows = indicators.map((i) => {
    const measurements = source.measurements.filter((m) => m.indicator_id === i.id)
    const d = i.data
    const progress = indicatorProgress(
      {
        unit: String(d.unit ?? 'other'),
        baselineValue: d.baselineValue as number | undefined,
        targetValue: d.targetValue as number | undefined,
        baselineDate: d.baselineDate as string | undefined,
        targetDate: d.targetDate as string | undefined,
      },
      measurements,
    )
    return { i, measurements, progress }
  })
  const blocks: Block[] = [heading(1, t('common:monitoring.title'), 'monitoring')]
  if (indicators.length === 0)
    return { key: 'monitoring', blocks: [...blocks, paragraph(t('common:monitoring.noIndicators'), 'muted')] }
  blocks.push({
    type: 'table',
    caption: t('common:monitoring.indicators'),
    columns: [
      t('common:monitoring.indicator'),
      t('common:monitoring.baseline'),
      t('common:monitoring.target'),
      t('common:monitoring.latest'),
      t('common:monitoring.wayToTarget'),
      t('common:lifecycle.status'),
    ],
    rows: rows.map(({ i, progress }) => [
      `${withCode(String(i.data.name ?? ''), i.ref, t('worksheets:untitled'))} · ${t(`worksheets:options.unit.${String(i.data.unit ?? 'other')}`)}`,
      `${value(i.data.baselineValue)}${typeof i.data.baselineDate === 'string' ? ` (${ctx.date(i.data.baselineDate)})` : ''}`,
      `${value(i.data.targetValue)}${typeof i.data.targetDate === 'string' ? ` (${ctx.date(i.data.targetDate)})` : ''}`,
      progress.latest ? `${ctx.num(progress.latest.value)} (${progress.latest.period})` : '—',
      progress.achieved === null ? '—' : ctx.num(progress.achieved * 100, 0) + ' %',
      t(`common:monitoring.status.${progress.status}`),
    ]),
    numeric: [false, true, true, true, true, false],
  })
  for (const { i, measurements } of rows.filter((r) => r.measurements.length > 0)) {
    const label = t('common:monitoring.chartLabel', {
      name: withCode(String(i.data.name ?? ''), i.ref, t('worksheets:untitled')),
    })
    blocks.push({
      type: 'figure',
      figure: 'indicator-progress',
      caption: label,
      alt: label,
      data: {
        def: {
          unit: i.data.unit,
          baselineValue: i.data.baselineValue,
          baselineDate: i.data.baselineDate,
          targetValue: i.data.targetValue,
          targetDate: i.data.targetDate,
        },
        measurements,
        label,
      },
      fallback: [
        {
          type: 'table',
          caption: t('common:monitoring.measurementsOf', {
            name: withCode(String(i.data.name ?? ''), i.ref, t('worksheets:untitled')),
          }),
          columns: [t('common:monitoring.period'), t('common:monitoring.value')],
          rows: measurements.map((m) => [m.period, ctx.num(m.value)]),
          numeric: [false, true],
        },
      ],
    })
  }
  return { key: 'monitoring', blocks }
}

export function endorsementSection(ctx: ComposeContext): DocumentSection {
  const { t, source } = ctx
  return {
    key: 'endorsements',
    blocks: [
      heading(1, t('common:lifecycle.endorsements'), 'endorsements'),
      source.endorsements.length === 0
        ? paragraph(t('common:lifecycle.noDecision'), 'muted')
        : {
            type: 'table',
            caption: t('common:lifecycle.endorsements'),
            columns: [
              t('common:team.organisation'),
              t('common:team.constituency'),
              t('common:lifecycle.decision'),
              t('common:lifecycle.comment'),
            ],
            rows: source.endorsements.map((e) => [
              e.organisation,
              t(`common:constituency.${e.constituency}`),
              e.decision
                ? `${t(`common:lifecycle.decisions.${e.decision}`)}${e.versionNumber ? ` (${t('common:lifecycle.versionN', { n: e.versionNumber })})` : ''}`
                : t('common:lifecycle.noDecision'),
              e.comment ?? '—',
            ]),
          },
    ],
  }
}
