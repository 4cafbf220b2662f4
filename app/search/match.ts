// Finding words in a plan's texts the way readers of three languages expect: case and accents do
// not matter ("equipe" finds "Équipe"), every word of the query must occur, in any order. Isomorphic.

/** A piece of text around the first match, with the matched ranges marked. */
export interface Snippet {
  parts: { text: string; match: boolean }[]
  /** Text was left out before / after the snippet. */
  cutBefore: boolean
  cutAfter: boolean
}

const CONTEXT = 70

/** Lower case without accents, and for each character of the result the index it came from. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = ''
  const origin: number[] = []
  let i = 0
  for (const char of text) {
    const plain = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    for (let k = 0; k < plain.length; k++) origin.push(i)
    folded += plain
    i += char.length
  }
  origin.push(i)
  return { folded, origin }
}

/** The words of a query, folded; empty when it has none. */
export function queryTerms(query: string): string[] {
  return [
    ...new Set(
      fold(query)
        .folded.split(/[\s\p{P}]+/u)
        .filter(Boolean),
    ),
  ]
}

/** Where `terms` occur in `text` (ranges in `text`), or null unless every term occurs. */
function ranges(text: string, terms: readonly string[]): [number, number][] | null {
  const { folded, origin } = fold(text)
  const found: [number, number][] = []
  for (const term of terms) {
    let at = folded.indexOf(term)
    if (at === -1) return null
    for (; at !== -1; at = folded.indexOf(term, at + term.length)) found.push([origin[at]!, origin[at + term.length]!])
  }
  return found.sort((a, b) => a[0] - b[0])
}

/** A snippet of `text` around its first match of every term, or null when a term is missing. */
export function matchText(text: string, terms: readonly string[]): Snippet | null {
  if (terms.length === 0) return null
  const found = ranges(text, terms)
  if (!found) return null
  const first = found[0]!
  let start = Math.max(0, first[0] - CONTEXT)
  let end = Math.min(text.length, first[1] + CONTEXT)
  // Whole words at the edges.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start
  if (end < text.length) end = text.lastIndexOf(' ', end) > first[1] ? text.lastIndexOf(' ', end) : end
  const parts: Snippet['parts'] = []
  let at = start
  for (const [from, to] of found) {
    if (to <= at || from >= end) continue
    const a = Math.max(from, at)
    const b = Math.min(to, end)
    if (a > at) parts.push({ text: text.slice(at, a), match: false })
    parts.push({ text: text.slice(a, b), match: true })
    at = b
  }
  if (at < end) parts.push({ text: text.slice(at, end), match: false })
  return {
    parts: parts.map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') })),
    cutBefore: start > 0,
    cutAfter: end < text.length,
  }
}
