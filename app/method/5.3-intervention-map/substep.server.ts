import { defineSubstep } from '../define.server.ts'
import { selectionsIn } from '../5.2-intervention-priorities/selections.server.ts'
import { interventionMapSection } from './export.server.ts'
import { loadSelectedOnly } from './intervention-map.server.ts'
import { worksheet } from './worksheet.ts'

export const interventionMap = defineSubstep({
  worksheet,
  load: loadSelectedOnly,
  /** Done when every selected intervention is linked to the map and the ladder has two rungs. */
  progress: (content) => {
    const [items, selected] = [content.items('intervention_link', 'escalation_rung'), selectionsIn(content).selected]
    if (items.length === 0)
      return {
        status: 'not_started',
        missing: ['progress.missing.noInterventionLinks', 'progress.missing.ladderTooShort'],
      }
    const linked = new Set(items.filter((i) => i.kind === 'intervention_link').map((i) => i.data.intervention))
    const missing: string[] = []
    if (selected.size === 0) missing.push('progress.missing.noInterventionSelected')
    else if ([...selected].some((id) => !linked.has(id))) missing.push('progress.missing.selectedUnlinked')
    if (items.filter((i) => i.kind === 'escalation_rung').length < 2) missing.push('progress.missing.ladderTooShort')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: interventionMapSection,
})
