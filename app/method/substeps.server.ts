// Every sub-step's server side, by code: the one place the generic machinery (the sub-step route, the
// item action, progress, sign-off scopes, exports) finds what is particular to a sub-step.
import { type SubstepCode } from '#core/substeps.ts'
import { type PlausibilityContext } from '../worksheets/plausibility.ts'
import { type SubstepDefinition } from './define.server.ts'
import { mandate } from './1.1-mandate/substep.server.ts'
import { resources } from './1.2-resources/substep.server.ts'
import { dataSources } from './1.3-data-sources/substep.server.ts'
import { issuesAndTargets } from './2.1-issues-and-targets/substep.server.ts'
import { prioritise } from './2.2-prioritise/substep.server.ts'
import { targetMap } from './2.3-target-map/substep.server.ts'
import { causeTree } from './3.1-cause-tree/substep.server.ts'
import { influences } from './3.2-influences/substep.server.ts'
import { stakeholders } from './4.1-stakeholders/substep.server.ts'
import { stakeholderPriorities } from './4.2-stakeholder-priorities/substep.server.ts'
import { stakeholderMap } from './4.3-stakeholder-map/substep.server.ts'
import { interventions } from './5.1-interventions/substep.server.ts'
import { interventionPriorities } from './5.2-intervention-priorities/substep.server.ts'
import { interventionMap } from './5.3-intervention-map/substep.server.ts'
import { planMap } from './6.1-plan-map/substep.server.ts'
import { implementationChart } from './6.2-implementation-chart/substep.server.ts'

export const SUBSTEPS = {
  '1.1': mandate,
  '1.2': resources,
  '1.3': dataSources,
  '2.1': issuesAndTargets,
  '2.2': prioritise,
  '2.3': targetMap,
  '3.1': causeTree,
  '3.2': influences,
  '4.1': stakeholders,
  '4.2': stakeholderPriorities,
  '4.3': stakeholderMap,
  '5.1': interventions,
  '5.2': interventionPriorities,
  '5.3': interventionMap,
  '6.1': planMap,
  '6.2': implementationChart,
} satisfies { [C in SubstepCode]: SubstepDefinition<C, unknown> }

const NO_PLAUSIBILITY: PlausibilityContext = { period: null, decisions: {} }

/** What a sub-step page's plausibility warnings are judged against, from what its `load` returned. */
export function plausibilityOf(def: SubstepDefinition<SubstepCode, unknown>, extra: unknown): PlausibilityContext {
  return def.plausibility?.(extra) ?? NO_PLAUSIBILITY
}
