import { present, worksheetTable } from '../../exports/compose/context.ts'
import { defineSubstep } from '../define.server.ts'
import { worksheet } from './worksheet.ts'

export const influences = defineSubstep({
  worksheet,
  /** Done with at least one driver and one constraint, and every influence acting on a target-map node. */
  progress: (content) => {
    const items = content.items('influence')
    if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noInfluences'] }
    const onNode = (i: (typeof items)[number]) => Array.isArray(i.data.nodes) && i.data.nodes.length > 0
    const missing: string[] = []
    if (!items.some((i) => i.data.polarity === 'driver' && onNode(i))) missing.push('progress.missing.noDriver')
    if (!items.some((i) => i.data.polarity === 'constraint' && onNode(i))) missing.push('progress.missing.noConstraint')
    if (items.some((i) => !onNode(i))) missing.push('progress.missing.influenceWithoutNode')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: (ctx) => present([worksheetTable(ctx, 'influence')]),
})
