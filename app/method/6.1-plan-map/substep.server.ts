import { defineSubstep } from '../define.server.ts'
import { selectionsIn } from '../5.2-intervention-priorities/selections.server.ts'
import { planMapSection } from './export.server.ts'
import { loadPlanMap } from './plan-map.server.ts'
import { worksheet } from './worksheet.ts'

export const planMap = defineSubstep({
  worksheet,
  load: loadPlanMap,
  /** Done when the map has nodes and at least one selected intervention is attached to a node. */
  progress: (content) => {
    const [items, selected] = [content.items('node', 'intervention_link'), selectionsIn(content).selected]
    const hasNodes = items.some((i) => i.kind === 'node')
    const attached = items.some(
      (i) =>
        i.kind === 'intervention_link' &&
        selected.has(String(i.data.intervention)) &&
        Array.isArray(i.data.nodes) &&
        i.data.nodes.length > 0,
    )
    const missing = [
      ...(hasNodes ? [] : ['progress.missing.noMapNodes']),
      ...(attached ? [] : ['progress.missing.noInterventionOnMap']),
    ]
    if (missing.length === 0) return { status: 'done', missing }
    return { status: hasNodes || attached ? 'in_progress' : 'not_started', missing }
  },
  exportSection: planMapSection,
})
