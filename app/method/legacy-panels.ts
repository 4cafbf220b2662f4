// TRANSITIONAL: the panels of the sub-steps not yet moved into their folder, from the old registries.
// Deleted when the last sub-step has its folder.
import { type SubstepCode } from '#core/substeps.ts'
import { PANELS_AFTER, PANELS_BEFORE } from '../worksheets/ui/panels.tsx'
import { type SubstepPanels } from './define-panels.ts'

export function legacyPanels(code: SubstepCode): SubstepPanels<unknown> {
  return { before: PANELS_BEFORE[code], after: PANELS_AFTER[code] }
}
