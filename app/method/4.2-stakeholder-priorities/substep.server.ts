import { defineSubstep } from '../define.server.ts'
import { stakeholderPrioritiesSection } from './export.server.ts'
import { handleStakeholderAction, loadStakeholderScores } from './stakeholder-priorities.server.ts'
import { worksheet } from './worksheet.ts'

export const stakeholderPriorities = defineSubstep({
  worksheet,
  load: loadStakeholderScores,
  act: handleStakeholderAction,
  /**
   * Done when every stakeholder has at least one score and a place on the grid (agreed, or from mean
   * influence and alignment).
   */
  progress: (content) => {
    const [items, rows] = [content.items('stakeholder'), content.scores('stakeholder')]
    if (items.length === 0 || rows.length === 0)
      return {
        status: 'not_started',
        missing: [items.length === 0 ? 'progress.missing.noStakeholders' : 'progress.missing.stakeholdersUnscored'],
      }
    const scored = new Set(rows.map((r) => r.subject_id))
    const hasMeans = (id: string) =>
      rows.some((r) => r.subject_id === id && r.criterion === 'influence') &&
      rows.some((r) => r.subject_id === id && r.criterion === 'alignment')
    const placed = (i: (typeof items)[number]) =>
      (typeof i.data.agreedInfluence === 'number' && typeof i.data.agreedAlignment === 'number') || hasMeans(i.id)
    const missing: string[] = []
    if (items.some((i) => !scored.has(i.id))) missing.push('progress.missing.stakeholdersUnscored')
    if (items.some((i) => !placed(i))) missing.push('progress.missing.stakeholdersUnplaced')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  // The scores given here are part of what its sign-off agrees to.
  scopes: ['scores:stakeholder'],
  exportSection: stakeholderPrioritiesSection,
})
