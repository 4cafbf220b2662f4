import { type SubstepCode } from '../../utils/substeps.ts'
import { type LinkOption, type WorksheetItemView } from '../types.ts'
import { EscalationLadderPanel, SelectedLinksPanel } from './EscalationLadder.tsx'
import { ImplementationChartPanel } from './ImplementationChart.tsx'
import { InterventionPrioritiesPanel } from './InterventionPriorities.tsx'
import { ResourceRatiosPanel } from './ResourceRatios.tsx'

export interface SubstepPanelProps {
  planId: string
  code: SubstepCode
  worksheet: { kinds: string[]; items: Record<string, WorksheetItemView[]>; options: Record<string, LinkOption[]> }
  /** Data from the sub-step's extra loader, if it has one. */
  extra: unknown
  abilities: Record<string, boolean>
}

/** Sub-step specific panels shown above the worksheet lists (ratios, scoring, diagrams …). */
export const PANELS_BEFORE: Partial<Record<SubstepCode, React.ComponentType<SubstepPanelProps>>> = {
  '5.2': InterventionPrioritiesPanel,
  '5.3': SelectedLinksPanel,
  '6.2': ImplementationChartPanel,
}

/** Sub-step specific panels shown below the worksheet lists. */
export const PANELS_AFTER: Partial<Record<SubstepCode, React.ComponentType<SubstepPanelProps>>> = {
  '1.2': ResourceRatiosPanel,
  '5.3': EscalationLadderPanel,
}
