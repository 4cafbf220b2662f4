import { type ProgressEvaluator } from './progress.server.ts'

/** Done when there is at least one power or duty and at least one recorded limit or gap. */
export const mandateProgress: ProgressEvaluator = (content) => {
  const items = content.items('mandate')
  if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noMandate'] }
  const missing: string[] = []
  if (!items.some((i) => i.data.powerType !== 'limit')) missing.push('progress.missing.noPower')
  if (
    !items.some(
      (i) => i.data.powerType === 'limit' || (typeof i.data.limitsOrGaps === 'string' && i.data.limitsOrGaps !== ''),
    )
  )
    missing.push('progress.missing.noLimit')
  return { status: missing.length ? 'in_progress' : 'done', missing }
}

/** Done when the inspectors are counted and the size of the universe is known. */
export const resourceProgress: ProgressEvaluator = (content) => {
  const items = content.items('resource', 'scope_figures')
  if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noResources'] }
  const missing: string[] = []
  if (!items.some((i) => i.kind === 'resource' && i.data.resourceType === 'inspectors'))
    missing.push('progress.missing.noInspectors')
  if (!items.some((i) => i.kind === 'scope_figures')) missing.push('progress.missing.noScopeFigures')
  return { status: missing.length ? 'in_progress' : 'done', missing }
}

/** Done when at least one data source is catalogued and every source has a quality rating. */
export const dataSourceProgress: ProgressEvaluator = (content) => {
  const items = content.items('data_source')
  if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noDataSources'] }
  const unrated = items.filter((i) => !i.data.quality)
  return unrated.length
    ? { status: 'in_progress', missing: ['progress.missing.qualityUnrated'] }
    : { status: 'done', missing: [] }
}
