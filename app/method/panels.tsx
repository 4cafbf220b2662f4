// Every sub-step's panels, by code, and the one place the page's data meets them.
import { type SubstepCode } from '#core/substeps.ts'
import { type SubstepPanelProps, type SubstepPanels } from './define-panels.ts'
import { panels as resources } from './1.2-resources/panels.ts'
import { panels as dataSources } from './1.3-data-sources/panels.ts'
import { panels as prioritise } from './2.2-prioritise/panels.ts'
import { panels as targetMap } from './2.3-target-map/panels.ts'
import { panels as causeTree } from './3.1-cause-tree/panels.ts'
import { panels as influences } from './3.2-influences/panels.ts'
import { panels as stakeholderPriorities } from './4.2-stakeholder-priorities/panels.ts'
import { panels as stakeholderMap } from './4.3-stakeholder-map/panels.ts'
import { panels as interventionPriorities } from './5.2-intervention-priorities/panels.ts'
import { panels as interventionMap } from './5.3-intervention-map/panels.ts'
import { panels as planMap } from './6.1-plan-map/panels.ts'
import { panels as implementationChart } from './6.2-implementation-chart/panels.ts'

const PANELS = {
  '1.1': {},
  '1.2': resources,
  '1.3': dataSources,
  '2.1': {},
  '2.2': prioritise,
  '2.3': targetMap,
  '3.1': causeTree,
  '3.2': influences,
  '4.1': {},
  '4.2': stakeholderPriorities,
  '4.3': stakeholderMap,
  '5.1': {},
  '5.2': interventionPriorities,
  '5.3': interventionMap,
  '6.1': planMap,
  '6.2': implementationChart,
} satisfies Record<SubstepCode, SubstepPanels<never>>

/**
 * Draws a sub-step's panel above or below its lists. The page's `extra` came from the same
 * sub-step's `load` (the route looks both up by the one code), which TypeScript cannot follow
 * through a lookup by a runtime code: this is the one place that says so.
 */
export function SubstepPanel({ place, ...props }: SubstepPanelProps & { place: keyof SubstepPanels }) {
  const Panel = (PANELS[props.code] as SubstepPanels<unknown>)[place]
  return Panel ? <Panel {...props} /> : null
}
