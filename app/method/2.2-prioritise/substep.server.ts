import { defineSubstep } from '../define.server.ts'
import { prioritiseSection } from './export.server.ts'
import { handlePrioritisationAction, loadPrioritisation, uniquePairCheck } from './prioritise.server.ts'
import { criterionSpec, DEFAULT_CRITERIA, worksheet } from './worksheet.ts'

export const prioritise = defineSubstep({
  worksheet,
  load: loadPrioritisation,
  act: handlePrioritisationAction,
  checks: { pair: uniquePairCheck },
  /** Not started without pairs; done once the lead has recorded the priority decision. */
  progress: (content) => {
    const items = content.items('pair', 'priority_decision')
    if (!items.some((i) => i.kind === 'pair')) return { status: 'not_started', missing: ['progress.missing.noPairs'] }
    if (!items.some((i) => i.kind === 'priority_decision'))
      return { status: 'in_progress', missing: ['progress.missing.noPriority'] }
    return { status: 'done', missing: [] }
  },
  // The scores given here are part of what its sign-off agrees to.
  scopes: ['scores:pair'],
  // The method's eight criteria, weight 1: the yardstick exists before anyone scores.
  newPlanItems: [
    {
      kind: criterionSpec.kind,
      refPrefix: criterionSpec.refPrefix,
      rows: DEFAULT_CRITERIA.map((criterionKey) => ({ criterionKey, weight: 1 })),
    },
  ],
  exportSection: prioritiseSection,
})
