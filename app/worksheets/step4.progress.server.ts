import { type ProgressEvaluator } from './progress.server.ts'

const TRIPARTITE = ['government', 'worker_org', 'employer_org'] as const

/** 4.1 is done when the list names at least one government body, one workers' and one employers' organisation. */
export const stakeholderListProgress: ProgressEvaluator = (content) => {
  const items = content.items('stakeholder')
  if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noStakeholders'] }
  const present = new Set(items.map((i) => i.data.category))
  const missing = TRIPARTITE.filter((c) => !present.has(c)).map((c) => `progress.missing.noStakeholder_${c}`)
  return { status: missing.length ? 'in_progress' : 'done', missing }
}

/** 4.2 is done when every stakeholder has at least one score and a place on the grid (agreed, or from mean influence and alignment). */
export const stakeholderPriorityProgress: ProgressEvaluator = (content) => {
  const [items, rows] = [content.items('stakeholder'), content.scores('stakeholder')]
  if (items.length === 0 || rows.length === 0)
    return {
      status: 'not_started',
      missing: [items.length === 0 ? 'progress.missing.noStakeholders' : 'progress.missing.stakeholdersUnscored'],
    }
  const scored = new Set(rows.map((r) => r.subject_id))
  const hasMeans = (id: string) =>
    rows.some((r) => r.subject_id === id && r.criterion === 'influence') &&
    rows.some((r) => r.subject_id === id && r.criterion === 'alignment')
  const placed = (i: (typeof items)[number]) =>
    (typeof i.data.agreedInfluence === 'number' && typeof i.data.agreedAlignment === 'number') || hasMeans(i.id)
  const missing: string[] = []
  if (items.some((i) => !scored.has(i.id))) missing.push('progress.missing.stakeholdersUnscored')
  if (items.some((i) => !placed(i))) missing.push('progress.missing.stakeholdersUnplaced')
  return { status: missing.length ? 'in_progress' : 'done', missing }
}

/** 4.3 is done when at least one stakeholder is linked, and at least one link names the influences it can move. */
export const stakeholderMapProgress: ProgressEvaluator = (content) => {
  const links = content.items('stakeholder_link')
  if (links.length === 0) return { status: 'not_started', missing: ['progress.missing.noStakeholderLinks'] }
  const withInfluence = links.some((l) => Array.isArray(l.data.influences) && l.data.influences.length > 0)
  return withInfluence
    ? { status: 'done', missing: [] }
    : { status: 'in_progress', missing: ['progress.missing.linksWithoutInfluence'] }
}
