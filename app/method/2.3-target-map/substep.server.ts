import { defineSubstep } from '../define.server.ts'
import { targetMapSection } from './export.server.ts'
import { handleTargetMapAction } from './target-map.server.ts'
import { worksheet } from './worksheet.ts'
import { loadAutoPositions } from '../../worksheets/mapPositions.server.ts'

export const targetMap = defineSubstep({
  worksheet,
  /** Where ELK puts the nodes nobody placed (ADR 054); the page draws and routes from these. */
  load: ({ db, planId }) => loadAutoPositions(db, planId),
  act: handleTargetMapAction,
  /** Done with at least two nodes, one relation and a pivot. */
  progress: (content) => {
    const items = content.items('node', 'relation')
    if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noNodes'] }
    const nodes = items.filter((i) => i.kind === 'node')
    const missing: string[] = []
    if (nodes.length < 2) missing.push('progress.missing.fewNodes')
    if (!items.some((i) => i.kind === 'relation')) missing.push('progress.missing.noRelations')
    if (!nodes.some((n) => n.data.isPivot === true)) missing.push('progress.missing.noPivot')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: targetMapSection,
})
