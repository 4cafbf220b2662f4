export const CONSTITUENCIES = ['government', 'workers', 'employers', 'ilo', 'other'] as const
export type Constituency = (typeof CONSTITUENCIES)[number]

/** The three constituencies a plan needs to be tripartite. */
export const TRIPARTITE: readonly Constituency[] = ['government', 'workers', 'employers']

export function missingForTripartite(present: Iterable<string>): Constituency[] {
  const set = new Set(present)
  return TRIPARTITE.filter((c) => !set.has(c))
}
