// Draws a document figure from its `data` with the same components the worksheet pages use, so
// the printed plan shows the maps and the chart people know from the screen.
import { CauseTreeDiagram } from '../../method/3.1-cause-tree/CauseTreeDiagram.tsx'
import { type TreeCause } from '../../method/3.1-cause-tree/causeTreeLayout.ts'
import { ProgressChart } from '../../monitoring/ProgressChart.tsx'
import { type IndicatorDefinition, type Measurement } from '../../monitoring/progress.ts'
import { buildPlanMap, layoutNodes, LAYERS, type MapItem } from '../../worksheets/planMap.ts'
import { type Placed } from '../../worksheets/targetMapLayout.ts'
import { horizonQuarters } from '../../worksheets/timeline.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { TimelineTable, timelineGroups } from '../../worksheets/ui/TimelineTable.tsx'
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

interface ChartData {
  horizon: { start: string; end: string }
  selected: string[]
  interventions: Omit<WorksheetItemView, 'plan_id' | 'version' | 'updated_at'>[]
  activities: Omit<WorksheetItemView, 'plan_id' | 'version' | 'updated_at'>[]
}

const view = (i: ChartData['activities'][number]): WorksheetItemView => ({
  ...i,
  plan_id: '',
  version: 1,
  updated_at: '',
})

/** The 6.2 timeline by quarter (the worksheet's rows), without the page's card and heading. */
function Timeline({ data, labelId }: { data: ChartData; labelId: string }) {
  const groups = timelineGroups(data.interventions.map(view), data.activities.map(view), data.selected)
  return (
    <TimelineTable
      quarters={horizonQuarters(data.horizon.start, data.horizon.end)}
      groups={groups}
      labelledBy={labelId}
    />
  )
}
