import { defineSubstep } from '../define.server.ts'
import { resourcesSection } from './export.server.ts'
import { worksheet } from './worksheet.ts'

export const resources = defineSubstep({
  worksheet,
  /** Done when the inspectors are counted and the size of the universe is known. */
  progress: (content) => {
    const items = content.items('resource', 'scope_figures')
    if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noResources'] }
    const missing: string[] = []
    if (!items.some((i) => i.kind === 'resource' && i.data.resourceType === 'inspectors'))
      missing.push('progress.missing.noInspectors')
    if (!items.some((i) => i.kind === 'scope_figures')) missing.push('progress.missing.noScopeFigures')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: resourcesSection,
})
