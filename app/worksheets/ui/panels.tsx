import { type SubstepCode } from '#core/substeps.ts'
import { type Panel, type SubstepPanelProps as SubstepPanelPropsOf } from '../../method/define-panels.ts'
import { CauseTreePanel } from './CauseTree.tsx'
import { InfluenceBalancePanel } from './InfluenceBalance.tsx'
import { ResourceRatiosPanel } from './ResourceRatios.tsx'
import { StatisticsPanel } from '../../statistics/StatisticsPanel.tsx'

// TRANSITIONAL: panels of the sub-steps not yet in their folder (app/method/legacy-panels.ts).
export type SubstepPanelProps = SubstepPanelPropsOf<unknown>

/** Sub-step specific panels shown above the worksheet lists (ratios, scoring, diagrams …). */
export const PANELS_BEFORE: Partial<Record<SubstepCode, Panel<unknown>>> = {
  '3.1': CauseTreePanel,
  '3.2': InfluenceBalancePanel,
}

/** Sub-step specific panels shown below the worksheet lists. */
export const PANELS_AFTER: Partial<Record<SubstepCode, Panel<unknown>>> = {
  '1.2': ResourceRatiosPanel,
  '1.3': StatisticsPanel,
}
