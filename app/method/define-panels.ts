// The browser half of a sub-step: the panels drawn above and below its worksheet lists. A panel's
// `extra` is typed from its sub-step's `load` (`PanelProps<typeof definition>`, a type-only import of
// the server half), so a panel never casts what its loader sent.
import { type SubstepCode } from '#core/substeps.ts'
import { type LinkOption, type WorksheetItemView } from '../worksheets/types.ts'
import { type ExtraOf } from './define.server.ts'

export interface SubstepPanelProps<Extra = unknown> {
  planId: string
  code: SubstepCode
  worksheet: {
    kinds: readonly string[]
    items: Record<string, WorksheetItemView[]>
    options: Record<string, LinkOption[]>
  }
  /** Data from the sub-step's `load` (null when it has none). */
  extra: Extra
  abilities: Record<string, boolean>
}

/** The props of a panel of sub-step definition `D`. */
export type PanelProps<D> = SubstepPanelProps<ExtraOf<D>>

/** A panel is a function component (a class's static members would make the types invariant). */
export type Panel<Extra = unknown> = (props: SubstepPanelProps<Extra>) => React.JSX.Element | null

export interface SubstepPanels<Extra = unknown> {
  /** Shown above the worksheet lists (scoring, diagrams …). */
  before?: Panel<Extra>
  /** Shown below the worksheet lists (summaries, ladders …). */
  after?: Panel<Extra>
}

/** Defines a sub-step's panels; `D` is its server definition, so the panels' data type must match its load. */
export function definePanels<D>(panels: SubstepPanels<ExtraOf<D>>): SubstepPanels<ExtraOf<D>> {
  return panels
}
