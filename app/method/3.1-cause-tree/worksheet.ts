// 3.1 Problem tree: the causes of the priority issue, root to direct, and its effects.
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

export const CAUSE_LEVELS = ['root', 'intermediate', 'direct'] as const
/** BISEP driver categories (Australian Tax Office) plus regulatory, as in the worked example. */
export const CAUSE_CATEGORIES = [
  'business',
  'industry',
  'sociological',
  'economic',
  'psychological',
  'regulatory',
] as const
export const CONFIDENCE = ['low', 'medium', 'high'] as const
/** One cause in the problem tree of the selected priority; `parent` makes the tree. */
export const causeSpec: KindSpec = {
  kind: 'cause',
  substep: '3.1',
  refPrefix: 'C',
  titleField: 'statement',
  ordered: true,
  fields: [
    { name: 'statement', type: 'text', required: true, max: 300 },
    { name: 'level', type: 'enum', options: CAUSE_LEVELS, required: true },
    { name: 'parent', type: 'link', kind: 'cause' },
    { name: 'category', type: 'enum', options: CAUSE_CATEGORIES },
    { name: 'evidence', type: 'longtext', max: 3000 },
    { name: 'confidence', type: 'enum', options: CONFIDENCE },
    { name: 'pair', type: 'link', kind: 'pair' },
  ],
}

/** What the non-compliance does to workers and others (the branches of the problem tree). */
export const effectSpec: KindSpec = {
  kind: 'effect',
  substep: '3.1',
  refPrefix: 'E',
  titleField: 'statement',
  ordered: true,
  fields: [
    { name: 'statement', type: 'text', required: true, max: 300 },
    { name: 'description', type: 'longtext', max: 2000 },
    { name: 'issue', type: 'link', kind: 'issue' },
  ],
}

/** A driver (+) or constraint (−) of compliance, acting on target-map nodes and linked to causes. */
export interface PriorityView {
  pairs: { id: string; ref: string; issue: string; target: string }[]
  rationale: string
}

/** The priority selected in 2.2 (issue × target pairs) from the plan's decision, pairs, issues and targets. */
export function priorityOf(
  items: readonly { id: string; kind: string; ref: string; data: Record<string, unknown> }[],
): PriorityView | null {
  const decision = items.find((i) => i.kind === 'priority_decision')
  const selected = Array.isArray(decision?.data.pairs) ? (decision.data.pairs as string[]) : []
  if (!decision || selected.length === 0) return null
  const byId = new Map(items.map((i) => [i.id, i]))
  const name = (id: unknown, field: string) => {
    const item = typeof id === 'string' ? byId.get(id) : undefined
    // Words only: the pair is shown by its issue and target, then its own code (ADR 057).
    return item ? String(item.data[field] ?? '').trim() || item.ref : '?'
  }
  const pairs = selected.flatMap((pairId) => {
    const pair = byId.get(pairId)
    return pair
      ? [{ id: pair.id, ref: pair.ref, issue: name(pair.data.issue, 'title'), target: name(pair.data.target, 'name') }]
      : []
  })
  return { pairs, rationale: typeof decision.data.rationale === 'string' ? decision.data.rationale : '' }
}

/** The ids of `id` and every cause below it (children, grandchildren …). */
export function descendantsOf(causes: { id: string; data: Record<string, unknown> }[], id: string): Set<string> {
  const found = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const c of causes) {
      if (!found.has(c.id) && typeof c.data.parent === 'string' && found.has(c.data.parent)) {
        found.add(c.id)
        grew = true
      }
    }
  }
  return found
}

// Causes are drawn as a tree by the panel; effects use the generic list.
export const worksheet = defineWorksheet({
  code: '3.1',
  kinds: [causeSpec, effectSpec],
  lists: ['effect'],
  linkKinds: ['cause', 'pair', 'issue'],
})
