import { present, worksheetTable } from '../../exports/compose/context.ts'
import { defineSubstep } from '../define.server.ts'
import { worksheet } from './worksheet.ts'
import { loadAutoPositions } from '../../worksheets/mapPositions.server.ts'
import { chipStackHeight } from '../../worksheets/targetMapLayout.ts'

export const stakeholderMap = defineSubstep({
  worksheet,
  /** ELK's positions for unplaced nodes, leaving room for the stakeholder chips under each (ADR 054). */
  load: ({ db, planId }) =>
    loadAutoPositions(
      db,
      planId,
      (items) => (id) =>
        chipStackHeight(items.filter((i) => i.kind === 'stakeholder_link' && i.data.node === id).length),
    ),
  /** Done when at least one stakeholder is linked, and at least one link names the influences it can move. */
  progress: (content) => {
    const links = content.items('stakeholder_link')
    if (links.length === 0) return { status: 'not_started', missing: ['progress.missing.noStakeholderLinks'] }
    const withInfluence = links.some((l) => Array.isArray(l.data.influences) && l.data.influences.length > 0)
    return withInfluence
      ? { status: 'done', missing: [] }
      : { status: 'in_progress', missing: ['progress.missing.linksWithoutInfluence'] }
  },
  exportSection: (ctx) =>
    present([
      worksheetTable(ctx, 'stakeholder_link', {
        columns: ['stakeholder', 'node', 'influences', 'mechanism', 'leverage'],
      }),
    ]),
})
