// Every sub-step's panels, by code, and the one place the page's data meets them.
import { type SubstepCode } from '#core/substeps.ts'
import { type SubstepPanelProps, type SubstepPanels } from './define-panels.ts'
import { panels as resources } from './1.2-resources/panels.ts'
import { panels as dataSources } from './1.3-data-sources/panels.ts'
import { panels as prioritise } from './2.2-prioritise/panels.ts'
import { panels as targetMap } from './2.3-target-map/panels.ts'
import { panels as causeTree } from './3.1-cause-tree/panels.ts'
import { panels as influences } from './3.2-influences/panels.ts'
import { legacyPanels } from './legacy-panels.ts'

const PANELS = {
  '1.1': {},
  '1.2': resources,
  '1.3': dataSources,
  '2.1': {},
  '2.2': prioritise,
  '2.3': targetMap,
  '3.1': causeTree,
  '3.2': influences,
  '4.1': legacyPanels('4.1'),
  '4.2': legacyPanels('4.2'),
  '4.3': legacyPanels('4.3'),
  '5.1': legacyPanels('5.1'),
  '5.2': legacyPanels('5.2'),
  '5.3': legacyPanels('5.3'),
  '6.1': legacyPanels('6.1'),
  '6.2': legacyPanels('6.2'),
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
