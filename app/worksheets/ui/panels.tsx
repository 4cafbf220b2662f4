import { type SubstepCode } from '../../utils/substeps.ts'
import { type LinkOption, type WorksheetItemView } from '../types.ts'
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
export const PANELS_BEFORE: Partial<Record<SubstepCode, React.ComponentType<SubstepPanelProps>>> = {}

/** Sub-step specific panels shown below the worksheet lists. */
export const PANELS_AFTER: Partial<Record<SubstepCode, React.ComponentType<SubstepPanelProps>>> = {
  '1.2': ResourceRatiosPanel,
}
