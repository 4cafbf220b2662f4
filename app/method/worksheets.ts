// Every sub-step's worksheet, by code, and every kind, by name. Isomorphic.
import { type SubstepCode } from '#core/substeps.ts'
import { type KindSpec } from '../worksheets/spec.ts'
import { type SubstepWorksheet } from './define.ts'
import { worksheet as mandate } from './1.1-mandate/worksheet.ts'
import { worksheet as resources } from './1.2-resources/worksheet.ts'
import { worksheet as dataSources } from './1.3-data-sources/worksheet.ts'
import { worksheet as issuesAndTargets } from './2.1-issues-and-targets/worksheet.ts'
import { worksheet as prioritise } from './2.2-prioritise/worksheet.ts'
import { worksheet as targetMap } from './2.3-target-map/worksheet.ts'
import { worksheet as causeTree } from './3.1-cause-tree/worksheet.ts'
import { worksheet as influences } from './3.2-influences/worksheet.ts'
import { worksheet as stakeholders } from './4.1-stakeholders/worksheet.ts'
import { worksheet as stakeholderPriorities } from './4.2-stakeholder-priorities/worksheet.ts'
import { worksheet as stakeholderMap } from './4.3-stakeholder-map/worksheet.ts'
import { worksheet as interventions } from './5.1-interventions/worksheet.ts'
import { worksheet as interventionPriorities } from './5.2-intervention-priorities/worksheet.ts'
import { worksheet as interventionMap } from './5.3-intervention-map/worksheet.ts'
import { worksheet as planMap } from './6.1-plan-map/worksheet.ts'
import { worksheet as implementationChart } from './6.2-implementation-chart/worksheet.ts'

export const WORKSHEETS = {
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
} as const satisfies { [C in SubstepCode]: SubstepWorksheet<C> }

/** Every worksheet kind by name, in sub-step order. */
export const KINDS: Readonly<Record<string, KindSpec>> = Object.fromEntries(
  Object.values(WORKSHEETS)
    .flatMap((w) => w.kinds)
    .map((k) => [k.kind, k]),
)

export function kindSpec(kind: unknown): KindSpec | undefined {
  // Own keys only: `__proto__` or `constructor` must not resolve to Object.prototype's members.
  return typeof kind === 'string' && Object.hasOwn(KINDS, kind) ? KINDS[kind] : undefined
}
