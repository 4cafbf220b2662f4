import { type SubstepCode } from '../utils/substeps.ts'
import { type KindSpec } from './spec.ts'
import { dataSourceSpec, mandateSpec, resourceSpec, scopeFiguresSpec } from './step1.ts'

// Every artefact kind. Add a kind here when building its sub-step.
export const KINDS: Record<string, KindSpec> = Object.fromEntries(
  [mandateSpec, resourceSpec, scopeFiguresSpec, dataSourceSpec].map((s) => [s.kind, s]),
)

export function kindSpec(kind: unknown): KindSpec | undefined {
  return typeof kind === 'string' ? KINDS[kind] : undefined
}

/** What each sub-step page edits and which other kinds its forms may link to. */
export const SUBSTEP_WORKSHEETS: Partial<Record<SubstepCode, { kinds: string[]; linkKinds: string[] }>> = {
  '1.1': { kinds: ['mandate'], linkKinds: [] },
  '1.2': { kinds: ['scope_figures', 'resource'], linkKinds: [] },
  '1.3': { kinds: ['data_source'], linkKinds: [] },
}
