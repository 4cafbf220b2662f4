// Every sub-step's server side, by code: the one place the generic machinery (the sub-step route, the
// item action, progress, sign-off scopes, exports) finds what is particular to a sub-step.
import { type SubstepCode } from '#core/substeps.ts'
import { type SubstepDefinition } from './define.server.ts'
import { mandate } from './1.1-mandate/substep.server.ts'
import { resources } from './1.2-resources/substep.server.ts'
import { dataSources } from './1.3-data-sources/substep.server.ts'
import { issuesAndTargets } from './2.1-issues-and-targets/substep.server.ts'
import { prioritise } from './2.2-prioritise/substep.server.ts'
import { targetMap } from './2.3-target-map/substep.server.ts'
import { causeTree } from './3.1-cause-tree/substep.server.ts'
import { influences } from './3.2-influences/substep.server.ts'
import { legacySubstep } from './legacy.server.ts'

export const SUBSTEPS = {
  '1.1': mandate,
  '1.2': resources,
  '1.3': dataSources,
  '2.1': issuesAndTargets,
  '2.2': prioritise,
  '2.3': targetMap,
  '3.1': causeTree,
  '3.2': influences,
  '4.1': legacySubstep('4.1'),
  '4.2': legacySubstep('4.2'),
  '4.3': legacySubstep('4.3'),
  '5.1': legacySubstep('5.1'),
  '5.2': legacySubstep('5.2'),
  '5.3': legacySubstep('5.3'),
  '6.1': legacySubstep('6.1'),
  '6.2': legacySubstep('6.2'),
} satisfies { [C in SubstepCode]: SubstepDefinition<C, unknown> }
