import { type SubstepCode } from '#core/substeps.ts'
import { type KindSpec } from './spec.ts'
import { STEP4_SPECS } from './step4.ts'
import { STEP5_SPECS } from './step5.ts'
import { STEP6_SPECS } from './step6.ts'
import { riskNoteSpec } from '../monitoring/risk-note.ts'

// TRANSITIONAL: the kinds of the sub-steps not yet in their folder (app/method/legacy.ts).
export const LEGACY_SPECS: KindSpec[] = [...STEP4_SPECS, ...STEP5_SPECS, ...STEP6_SPECS, riskNoteSpec]

/** What each sub-step page edits and which other kinds its forms may link to. */
export const SUBSTEP_WORKSHEETS: Partial<Record<SubstepCode, { kinds: string[]; linkKinds: string[] }>> = {
  '4.1': { kinds: ['stakeholder'], linkKinds: [] },
  // 4.2 scores and the grid are drawn by its panel.
  '4.2': { kinds: [], linkKinds: ['stakeholder'] },
  '4.3': { kinds: ['stakeholder_link'], linkKinds: ['stakeholder', 'node', 'influence', 'relation'] },
  '5.1': { kinds: ['intervention'], linkKinds: [] },
  // 5.2 scores and decisions are drawn by its panel; 6.1 is the read-only plan map panel.
  '5.2': { kinds: [], linkKinds: ['intervention'] },
  '5.3': {
    kinds: ['intervention_link', 'escalation_rung'],
    linkKinds: ['intervention', 'influence', 'cause', 'stakeholder', 'node'],
  },
  '6.1': { kinds: [], linkKinds: [] },
  '6.2': { kinds: ['activity', 'indicator'], linkKinds: ['intervention', 'data_source'] },
}
