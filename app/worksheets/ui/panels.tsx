import { type SubstepCode } from '#core/substeps.ts'
import { type Panel, type SubstepPanelProps as SubstepPanelPropsOf } from '../../method/define-panels.ts'
import { StakeholderMapPanel } from './StakeholderMap.tsx'
import { StakeholderPrioritiesPanel } from './StakeholderPriorities.tsx'
import { EscalationLadderPanel, SelectedLinksPanel } from './EscalationLadder.tsx'
import { ImplementationChartPanel } from './ImplementationChart.tsx'
import { InterventionPrioritiesPanel } from './InterventionPriorities.tsx'
import { PlanMapPanel } from './PlanMap.tsx'

// TRANSITIONAL: panels of the sub-steps not yet in their folder (app/method/legacy-panels.ts).
export type SubstepPanelProps = SubstepPanelPropsOf<unknown>

/** Sub-step specific panels shown above the worksheet lists (ratios, scoring, diagrams …). */
export const PANELS_BEFORE: Partial<Record<SubstepCode, Panel<unknown>>> = {
  '4.2': StakeholderPrioritiesPanel,
  '5.2': InterventionPrioritiesPanel,
  '5.3': SelectedLinksPanel,
  '6.1': PlanMapPanel,
  '6.2': ImplementationChartPanel,
}

/** Sub-step specific panels shown below the worksheet lists. */
export const PANELS_AFTER: Partial<Record<SubstepCode, Panel<unknown>>> = {
  '4.3': StakeholderMapPanel,
  '5.3': EscalationLadderPanel,
}
