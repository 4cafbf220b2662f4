// The 6.2 timeline in the Word file as a real table (ADR 056): one column per quarter, an activity's
// quarters merged into one shaded cell that names its status, interventions as group rows. The
// print view draws the same rows from the same data (worksheets/ui/TimelineTable.tsx); a table
// rather than a picture keeps the activities searchable, readable aloud and editable in Word.
import { type TFunction } from 'i18next'
import {
  BorderStyle,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  WidthType,
  type ITableCellBorders,
} from 'docx'
import { formatDate } from '../utils/locales.ts'
import { activitySpan, horizonQuarters, type Quarter } from '../worksheets/timeline.ts'
import { type WorksheetItemView } from '../worksheets/types.ts'
import { figureTimelineGroups, type TimelineFigureData } from '../worksheets/ui/TimelineTable.tsx'
import { type Lang } from './types.ts'

export type TimelineData = TimelineFigureData

// Status by fill and border, as the bars on screen; the status word is written in the cell too,
// so nothing depends on colour.
const STATUS_LOOK: Record<string, { fill: string; border: (typeof BorderStyle)[keyof typeof BorderStyle] }> = {
  planned: { fill: 'FFFFFF', border: BorderStyle.DASHED },
  in_progress: { fill: 'C9D6E3', border: BorderStyle.SINGLE },
  done: { fill: 'D9E2EC', border: BorderStyle.THICK },
  delayed: { fill: 'F0C674', border: BorderStyle.DOUBLE },
  cancelled: { fill: 'E4E7EB', border: BorderStyle.DOTTED },
}
const GROUP_FILL = 'E7EEF7'
const HEADER_FILL = 'E7ECF2'

/** Everything the table needs from the writer: translation, the language, styles and run builder. */
export interface TimelineContext {
  t: TFunction
  lang: Lang
  runs: (text: string, marks?: { bold?: boolean; strike?: boolean }) => Paragraph[]
}

function barBorders(style: (typeof BorderStyle)[keyof typeof BorderStyle]): ITableCellBorders {
  const side = { style, size: 12, color: '1F2933' }
  return { top: side, bottom: side, left: side, right: side }
}

type CellMaker = (
  paragraphs: Paragraph[],
  options: { columns?: number; at: number; fill?: string; borders?: ITableCellBorders },
) => TableCell

/** Width of the activity column as a share of the table; the quarters share the rest equally. */
const ACTIVITY_SHARE = 0.3

/** The timeline table, `width` twips wide; null when there is nothing to show. */
export function timelineTable(data: TimelineData, ctx: TimelineContext, width: number): Table | null {
  const quarters = horizonQuarters(data.horizon.start, data.horizon.end)
  const groups = figureTimelineGroups(data)
  if (groups.length === 0) return null
  const { t } = ctx
  const quarterWidth = quarters.length ? Math.floor((width * (1 - ACTIVITY_SHARE)) / quarters.length) : 0
  const first = width - quarterWidth * quarters.length
  const widths = [first, ...quarters.map(() => quarterWidth)]
  const span = (from: number, count: number) => widths.slice(from, from + count).reduce((a, b) => a + b, 0)
  const cell: CellMaker = (paragraphs, options) =>
    new TableCell({
      children: paragraphs,
      columnSpan: options.columns && options.columns > 1 ? options.columns : undefined,
      width: { size: span(options.at, options.columns ?? 1), type: WidthType.DXA },
      shading: options.fill ? { type: ShadingType.CLEAR, fill: options.fill, color: 'auto' } : undefined,
      borders: options.borders,
    })
  const header = (text: string) => ctx.runs(text, { bold: true })
  const years = [...quarters.reduce((m, q) => m.set(q.year, (m.get(q.year) ?? 0) + 1), new Map<number, number>())]
  let at = 1
  const yearRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell([new Paragraph({})], { at: 0, fill: HEADER_FILL }),
      ...years.map(([year, count]) => {
        const c = cell(header(String(year)), { at, columns: count, fill: HEADER_FILL })
        at += count
        return c
      }),
    ],
  })
  const quarterRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell(header(t('worksheets:chart.caption')), { at: 0, fill: HEADER_FILL }),
      ...quarters.map((q, i) =>
        cell(header(t('worksheets:chart.quarter', { quarter: q.quarter })), { at: i + 1, fill: HEADER_FILL }),
      ),
    ],
  })
  const rows = groups.flatMap((g) => [
    new TableRow({
      cantSplit: true,
      children: [
        cell(
          ctx.runs(
            `${g.intervention.ref} · ${String(g.intervention.data.title ?? '')}${g.rows.length === 0 ? ` — ${t('worksheets:chart.noActivity')}` : ''}`,
            { bold: true },
          ),
          { at: 0, columns: quarters.length + 1, fill: GROUP_FILL },
        ),
      ],
    }),
    ...g.rows.map((a) => activityRow(a, quarters, ctx, cell)),
  ])
  return new Table({
    rows: [yearRow, quarterRow, ...rows],
    columnWidths: widths,
    width: { size: width, type: WidthType.DXA },
  })
}

function activityRow(
  activity: WorksheetItemView,
  quarters: Quarter[],
  ctx: TimelineContext,
  cell: CellMaker,
): TableRow {
  const { t, lang } = ctx
  const start = String(activity.data.startDate ?? '')
  const end = String(activity.data.endDate ?? '')
  const status = String(activity.data.status ?? 'planned')
  const dates = `${formatDate(start, lang)} – ${formatDate(end, lang)}`
  const lead = activity.data.leadOrganisation ? ` · ${String(activity.data.leadOrganisation)}` : ''
  const name = cell(ctx.runs(`${activity.ref} ${String(activity.data.activity ?? '')}${lead}\n${dates}`), { at: 0 })
  const range = activitySpan(start, end, quarters)
  if (range === null || quarters.length === 0)
    return new TableRow({
      cantSplit: true,
      children: [
        name,
        cell(ctx.runs(t('worksheets:chart.outside', { dates })), { at: 1, columns: Math.max(1, quarters.length) }),
      ],
    })
  const look = STATUS_LOOK[status] ?? STATUS_LOOK.planned!
  const label = `${range.startsBefore ? '◀ ' : ''}${t(`worksheets:options.status.${status}`)}${range.endsAfter ? ' ▶' : ''}`
  return new TableRow({
    cantSplit: true,
    children: [
      name,
      ...quarters.slice(0, range.first).map((_, i) => cell([new Paragraph({})], { at: i + 1 })),
      cell(ctx.runs(label, { bold: true, strike: status === 'cancelled' }), {
        at: range.first + 1,
        columns: range.last - range.first + 1,
        fill: look.fill,
        borders: barBorders(look.border),
      }),
      ...quarters.slice(range.last + 1).map((_, i) => cell([new Paragraph({})], { at: range.last + 2 + i })),
    ],
  })
}
