import { present, worksheetTable } from '../../exports/compose/context.ts'
import { defineSubstep } from '../define.server.ts'
import { worksheet } from './worksheet.ts'

export const mandate = defineSubstep({
  worksheet,
  /** Done when there is at least one power or duty and at least one recorded limit or gap. */
  progress: (content) => {
    const items = content.items('mandate')
    if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noMandate'] }
    const missing: string[] = []
    if (!items.some((i) => i.data.powerType !== 'limit')) missing.push('progress.missing.noPower')
    const limit = items.some(
      (i) => i.data.powerType === 'limit' || (typeof i.data.limitsOrGaps === 'string' && i.data.limitsOrGaps !== ''),
    )
    if (!limit) missing.push('progress.missing.noLimit')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: (ctx) => present([worksheetTable(ctx, 'mandate')]),
})
