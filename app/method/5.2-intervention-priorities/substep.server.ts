import { defineSubstep } from '../define.server.ts'
import { interventionPrioritiesSection } from './export.server.ts'
import { handleInterventionPriorities, loadInterventionPriorities } from './intervention-priorities.server.ts'
import { selectionsIn } from './selections.server.ts'
import { SELECTION_KIND, worksheet } from './worksheet.ts'

export const interventionPriorities = defineSubstep({
  worksheet,
  load: loadInterventionPriorities,
  act: handleInterventionPriorities,
  /** Done when at least one intervention is selected with a rationale. */
  progress: (content) => {
    const [scores, selections] = [content.scores('intervention'), selectionsIn(content)]
    if (selections.withRationale) return { status: 'done', missing: [] }
    const missing = [
      ...(scores.length ? [] : ['progress.missing.noInterventionScores']),
      'progress.missing.noInterventionSelected',
    ]
    return { status: scores.length || selections.count ? 'in_progress' : 'not_started', missing }
  },
  // The scores and the decisions (not a generic kind, see SELECTION_KIND) are what its sign-off agrees to.
  scopes: ['scores:intervention', `kind:${SELECTION_KIND}`],
  exportSection: interventionPrioritiesSection,
})
