import { present, worksheetTable } from '../../exports/compose/context.ts'
import { defineSubstep } from '../define.server.ts'
import { worksheet } from './worksheet.ts'

export const issuesAndTargets = defineSubstep({
  worksheet,
  /** Done when there is at least one issue and one target. */
  progress: (content) => {
    const items = content.items('issue', 'target')
    if (items.length === 0)
      return { status: 'not_started', missing: ['progress.missing.noIssues', 'progress.missing.noTargets'] }
    const missing: string[] = []
    if (!items.some((i) => i.kind === 'issue')) missing.push('progress.missing.noIssues')
    if (!items.some((i) => i.kind === 'target')) missing.push('progress.missing.noTargets')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: (ctx) =>
    present([
      worksheetTable(ctx, 'issue', {
        columns: ['title', 'issueType', 'legalProvisions', 'mandate', 'evidence', 'affectedGroups'],
      }),
      worksheetTable(ctx, 'target'),
    ]),
})
