// Draws a document figure from its `data` with the same components the worksheet pages use, so
// the printed plan shows the maps and the chart people know from the screen, and the Word file
// gets pictures of the very same drawings (docx-figures.server.ts rasterises this markup).
import { type i18n as I18n } from 'i18next'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { CauseTreeDiagram } from '../../method/3.1-cause-tree/CauseTreeDiagram.tsx'
import { type TreeCause } from '../../method/3.1-cause-tree/causeTreeLayout.ts'
import { ProgressChart } from '../../monitoring/ProgressChart.tsx'
import { type IndicatorDefinition, type Measurement } from '../../monitoring/progress.ts'
import { buildPlanMap, layoutNodes, LAYERS, type MapItem } from '../../worksheets/planMap.ts'
import { type Placed } from '../../worksheets/targetMapLayout.ts'
import { horizonQuarters } from '../../worksheets/timeline.ts'
import { figureTimelineGroups, TimelineTable, type TimelineFigureData } from '../../worksheets/ui/TimelineTable.tsx'
import { PlanMapSvg } from '../../worksheets/ui/PlanMapSvg.tsx'
import { TargetMapSvg, type TargetMapNode, type TargetMapRelation } from '../../worksheets/ui/TargetMapSvg.tsx'
import { type Block } from '../types.ts'
import { StakeholderGridSvg, type GridStakeholder } from './StakeholderGridSvg.tsx'

type Figure = Extract<Block, { type: 'figure' }>

/** The drawing of a figure, labelled by the element `labelId` (which carries the alt text); null if it cannot be drawn. */
export function FigureDrawing({ figure, labelId }: { figure: Figure; labelId: string }) {
  const d = figure.data as Record<string, unknown> | undefined
  if (!d) return null
  switch (figure.figure) {
    case 'target-map': {
      const positions = new Map((d.positions as Placed[]).map((p) => [p.id, p]))
      return (
        <TargetMapSvg
          nodes={d.nodes as TargetMapNode[]}
          relations={d.relations as TargetMapRelation[]}
          positions={positions}
          labelledBy={labelId}
        />
      )
    }
    case 'plan-map': {
      const model = buildPlanMap(d.items as MapItem[], d.selected as string[])
      const positions = Array.isArray(d.positions)
        ? (d.positions as { id: string; x: number; y: number }[])
        : layoutNodes(model.nodes)
      return <PlanMapSvg model={model} layers={new Set(LAYERS)} positions={positions} titleId={labelId} />
    }
    case 'cause-tree':
      return (
        <CauseTreeDiagram problem={String(d.problem ?? '')} causes={d.causes as TreeCause[]} labelledBy={labelId} />
      )
    case 'implementation-chart':
      return <Timeline data={d as unknown as ChartData} labelId={labelId} />
    case 'stakeholder-grid':
      return <StakeholderGridSvg stakeholders={d.stakeholders as GridStakeholder[]} labelledBy={labelId} />
    case 'indicator-progress':
      return (
        <ProgressChart
          def={d.def as IndicatorDefinition}
          measurements={d.measurements as Measurement[]}
          label={String(d.label ?? figure.alt)}
        />
      )
    default:
      return null
  }
}

/** A page's text area in millimetres, upright and turned, for choosing a figure's orientation. */
export interface PageArea {
  portrait: { width: number; height: number }
  landscape: { width: number; height: number }
}

export interface DrawnFigure {
  /** The drawing as HTML: an `<svg>` for the pictures, a `<table>` for the timeline. */
  markup: string
  /** The SVG's own coordinate size (its viewBox), when the drawing is one. */
  size?: { width: number; height: number }
  /** Landscape when turning the page draws the figure larger (or the timeline has many quarters). */
  orientation: 'portrait' | 'landscape'
}

// The maps and the grid are read like maps: they get the largest drawing the page allows. A
// progress chart stays a small chart in the text flow.
const PAGE_FILLING = new Set(['target-map', 'plan-map', 'stakeholder-grid'])
// More quarters than this make the timeline's cells too narrow for their status words upright.
const UPRIGHT_QUARTERS = 8

/** The scale at which a drawing of `size` fits `box` (both in any one unit pair). */
const fitScale = (size: { width: number; height: number }, box: { width: number; height: number }) =>
  Math.min(box.width / size.width, box.height / size.height)

/** Whether a drawing of this size comes out larger on a turned page. */
export function orientationFor(size: { width: number; height: number }, area: PageArea): 'portrait' | 'landscape' {
  return fitScale(size, area.landscape) > fitScale(size, area.portrait) * 1.05 ? 'landscape' : 'portrait'
}

const VIEW_BOX = /^<svg[^>]*\sviewBox="0 0 ([\d.]+) ([\d.]+)"/

/**
 * Renders the figure's drawing to markup with the plan's i18n instance, so the print view (which
 * inlines it) and the Word writer (which rasterises it) share one drawing and one orientation rule.
 */
export function drawFigure(figure: Figure, labelId: string, i18n: I18n, area: PageArea): DrawnFigure | null {
  const markup = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <FigureDrawing figure={figure} labelId={labelId} />
    </I18nextProvider>,
  )
  if (!markup) return null
  if (figure.figure === 'implementation-chart') {
    const data = figure.data as ChartData
    const quarters = horizonQuarters(data.horizon.start, data.horizon.end).length
    return { markup, orientation: quarters > UPRIGHT_QUARTERS ? 'landscape' : 'portrait' }
  }
  // The progress chart wraps its SVG in a figure with a legend; the others are the SVG itself.
  const svg = /<svg[\s\S]*<\/svg>/.exec(markup)?.[0]
  const box = svg ? VIEW_BOX.exec(svg) : null
  if (!box) return { markup, orientation: 'portrait' }
  const size = { width: Number(box[1]), height: Number(box[2]) }
  const orientation = PAGE_FILLING.has(figure.figure) ? orientationFor(size, area) : 'portrait'
  return { markup, size, orientation }
}

type ChartData = TimelineFigureData

/** The 6.2 timeline by quarter (the worksheet's rows), without the page's card and heading. */
function Timeline({ data, labelId }: { data: ChartData; labelId: string }) {
  const groups = figureTimelineGroups(data)
  return (
    <TimelineTable
      quarters={horizonQuarters(data.horizon.start, data.horizon.end)}
      groups={groups}
      labelledBy={labelId}
    />
  )
}
