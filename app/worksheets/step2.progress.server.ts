import { type ProgressEvaluator } from './progress.server.ts'

/** Done when there is at least one issue and one target. */
export const issuesTargetsProgress: ProgressEvaluator = (content) => {
  const items = content.items('issue', 'target')
  if (items.length === 0)
    return { status: 'not_started', missing: ['progress.missing.noIssues', 'progress.missing.noTargets'] }
  const missing: string[] = []
  if (!items.some((i) => i.kind === 'issue')) missing.push('progress.missing.noIssues')
  if (!items.some((i) => i.kind === 'target')) missing.push('progress.missing.noTargets')
  return { status: missing.length ? 'in_progress' : 'done', missing }
}

/** Not started without pairs; done once the lead has recorded the priority decision. */
export const prioritisationProgress: ProgressEvaluator = (content) => {
  const items = content.items('pair', 'priority_decision')
  if (!items.some((i) => i.kind === 'pair')) return { status: 'not_started', missing: ['progress.missing.noPairs'] }
  if (!items.some((i) => i.kind === 'priority_decision'))
    return { status: 'in_progress', missing: ['progress.missing.noPriority'] }
  return { status: 'done', missing: [] }
}

/** Done with at least two nodes, one relation and a pivot. */
export const targetMapProgress: ProgressEvaluator = (content) => {
  const items = content.items('node', 'relation')
  if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noNodes'] }
  const nodes = items.filter((i) => i.kind === 'node')
  const missing: string[] = []
  if (nodes.length < 2) missing.push('progress.missing.fewNodes')
  if (!items.some((i) => i.kind === 'relation')) missing.push('progress.missing.noRelations')
  if (!nodes.some((n) => n.data.isPivot === true)) missing.push('progress.missing.noPivot')
  return { status: missing.length ? 'in_progress' : 'done', missing }
}
