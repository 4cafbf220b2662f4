import { present, worksheetTable } from '../../exports/compose/context.ts'
import { defineSubstep } from '../define.server.ts'
import { worksheet } from './worksheet.ts'

export const interventions = defineSubstep({
  worksheet,
  /** Done once the long-list has an intervention. */
  progress: (content) => {
    const items = content.items('intervention')
    return items.length
      ? { status: 'done', missing: [] }
      : { status: 'not_started', missing: ['progress.missing.noInterventions'] }
  },
  exportSection: (ctx) => present([worksheetTable(ctx, 'intervention')]),
})
