import { present, worksheetTable } from '../../exports/compose/context.ts'
import { defineSubstep } from '../define.server.ts'
import { worksheet } from './worksheet.ts'

const TRIPARTITE = ['government', 'worker_org', 'employer_org'] as const

export const stakeholders = defineSubstep({
  worksheet,
  /** Done when the list names at least one government body, one workers' and one employers' organisation. */
  progress: (content) => {
    const items = content.items('stakeholder')
    if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noStakeholders'] }
    const present = new Set(items.map((i) => i.data.category))
    const missing = TRIPARTITE.filter((c) => !present.has(c)).map((c) => `progress.missing.noStakeholder_${c}`)
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: (ctx) => present([worksheetTable(ctx, 'stakeholder')]),
})
