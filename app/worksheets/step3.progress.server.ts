import { type ProgressEvaluator } from './progress.server.ts'

/**
 * 3.1 is done when the tree reaches at least one root cause, at least one effect is recorded and
 * every cause has a category (the BISEP lens is what makes the tree useful for choosing levers).
 */
export const causeTreeProgress: ProgressEvaluator = (content) => {
  const items = content.items('cause', 'effect')
  if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noCauses'] }
  const causes = items.filter((i) => i.kind === 'cause')
  const missing: string[] = []
  if (!causes.some((c) => c.data.level === 'root')) missing.push('progress.missing.noRootCause')
  if (!items.some((i) => i.kind === 'effect')) missing.push('progress.missing.noEffect')
  if (causes.some((c) => !c.data.category)) missing.push('progress.missing.causesUncategorised')
  return { status: missing.length ? 'in_progress' : 'done', missing }
}

/** 3.2 is done with at least one driver and one constraint, and every influence acting on a target-map node. */
export const influenceProgress: ProgressEvaluator = (content) => {
  const items = content.items('influence')
  if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noInfluences'] }
  const onNode = (i: (typeof items)[number]) => Array.isArray(i.data.nodes) && i.data.nodes.length > 0
  const missing: string[] = []
  if (!items.some((i) => i.data.polarity === 'driver' && onNode(i))) missing.push('progress.missing.noDriver')
  if (!items.some((i) => i.data.polarity === 'constraint' && onNode(i))) missing.push('progress.missing.noConstraint')
  if (items.some((i) => !onNode(i))) missing.push('progress.missing.influenceWithoutNode')
  return { status: missing.length ? 'in_progress' : 'done', missing }
}
