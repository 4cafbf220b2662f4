import { TRIPARTITE, type Constituency } from './vocabulary.ts'

/** The tripartite constituencies not among `present`, in TRIPARTITE's order. */

export function missingForTripartite(present: Iterable<string>): Constituency[] {
  const set = new Set(present)
  return TRIPARTITE.filter((c) => !set.has(c))
}
