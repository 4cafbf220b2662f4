// 5.3 in the exported plan: the links of the interventions to the map, and the escalation ladder.
import { itemName, paragraph, present, worksheetTable, type ComposeContext } from '../../exports/compose/context.ts'
import { type Block } from '../../exports/types.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

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

export function interventionMapSection(ctx: ComposeContext): Block[] {
  return [
    ...present([
      worksheetTable(ctx, 'intervention_link', {
        columns: ['intervention', 'influences', 'causes', 'partners', 'nodes', 'mechanism'],
      }),
    ]),
    ...ladder(ctx),
  ]
}
