import { type SubstepCode } from '#core/substeps.ts'
import { type KindSpec } from './spec.ts'
import { dataSourceSpec, mandateSpec, resourceSpec, scopeFiguresSpec } from './step1.ts'
import { STEP3_SPECS } from './step3.ts'

// TRANSITIONAL: the kinds of the sub-steps not yet in their folder (app/method/legacy.ts).
export const LEGACY_SPECS: KindSpec[] = [mandateSpec, resourceSpec, scopeFiguresSpec, dataSourceSpec, ...STEP3_SPECS]

/** What each sub-step page edits and which other kinds its forms may link to. */
export const SUBSTEP_WORKSHEETS: Partial<Record<SubstepCode, { kinds: string[]; linkKinds: string[] }>> = {
  '1.1': { kinds: ['mandate'], linkKinds: [] },
  '1.2': { kinds: ['scope_figures', 'resource'], linkKinds: [] },
  '1.3': { kinds: ['data_source'], linkKinds: [] },
  // 3.1 causes are drawn as a tree by their panel; effects use the generic list.
  '3.1': { kinds: ['effect'], linkKinds: ['cause', 'pair', 'issue'] },
  '3.2': { kinds: ['influence'], linkKinds: ['node', 'cause'] },
}
