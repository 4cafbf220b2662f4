import { defineSubstep } from '../define.server.ts'
import { causeCycleCheck, handleCauseAction, loadCauseContext } from './cause-tree.server.ts'
import { causeTreeSection } from './export.server.ts'
import { worksheet } from './worksheet.ts'

export const causeTree = defineSubstep({
  worksheet,
  load: loadCauseContext,
  act: handleCauseAction,
  checks: { cause: causeCycleCheck },
  /**
   * Done when the tree reaches at least one root cause, at least one effect is recorded and every
   * cause has a category (the BISEP lens is what makes the tree useful for choosing levers).
   */
  progress: (content) => {
    const items = content.items('cause', 'effect')
    if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noCauses'] }
    const causes = items.filter((i) => i.kind === 'cause')
    const missing: string[] = []
    if (!causes.some((c) => c.data.level === 'root')) missing.push('progress.missing.noRootCause')
    if (!items.some((i) => i.kind === 'effect')) missing.push('progress.missing.noEffect')
    if (causes.some((c) => !c.data.category)) missing.push('progress.missing.causesUncategorised')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: causeTreeSection,
})
