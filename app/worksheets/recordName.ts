// How a record is referred to wherever it appears outside its own row: its words first, its
// reference code second ("Disguised casual employment (I1)"), never the code alone (ADR 057).
// Pure and isomorphic: the server builds link options with it, the browser renders it.

/** Reads another record's words by id (for records named after others, like a pair). */
export type WordsOf = (id: unknown) => string | undefined
/** A choice's words (a standard criterion is named by its key's translation). */
export type ChoiceText = (field: string, value: unknown) => string

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/**
 * The fields a kind's words are made of, when they are not just its title field. A pair is named
 * by its issue and target; a mandate by its instrument and the section it sits in.
 */
const NAMED_BY: Record<string, (data: Record<string, unknown>, wordsOf: WordsOf, choice?: ChoiceText) => string> = {
  pair: (d, wordsOf) => {
    const issue = wordsOf(d.issue) ?? ''
    const target = wordsOf(d.target) ?? ''
    return issue || target ? `${issue || '?'} × ${target || '?'}` : ''
  },
  mandate: (d) => [text(d.instrument), text(d.provisionRef)].filter(Boolean).join(', '),
  criterion: (d, _, choice) => text(d.name) || (choice && d.criterionKey ? choice('criterionKey', d.criterionKey) : ''),
}

/** The fields whose values make up a kind's words (left out of its table, where the row names itself). */
export function wordFields(kind: string, titleField: string): readonly string[] {
  if (kind === 'pair') return ['issue', 'target']
  if (kind === 'mandate') return ['instrument', 'provisionRef']
  if (kind === 'criterion') return ['name']
  return [titleField]
}

/** A record's words from its data; '' when it has none (the caller says "untitled"). */
export function recordWords(
  kind: string,
  titleField: string | undefined,
  data: Record<string, unknown>,
  wordsOf: WordsOf = () => undefined,
  choice?: ChoiceText,
): string {
  const named = NAMED_BY[kind]
  if (named) return named(data, wordsOf, choice)
  return titleField ? text(data[titleField]) : ''
}

/** Each record's words by id, for records named after others (a pair by its issue and target). */
export function wordsLookup(
  rows: readonly { id: string; kind: string; data: Record<string, unknown> }[],
  titleFieldOf: (kind: string) => string | undefined,
): WordsOf {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const seen = new Set<string>()
  const wordsOf: WordsOf = (id) => {
    const row = typeof id === 'string' ? byId.get(id) : undefined
    if (!row || seen.has(row.id)) return undefined
    seen.add(row.id)
    try {
      return recordWords(row.kind, titleFieldOf(row.kind), row.data, wordsOf)
    } finally {
      seen.delete(row.id)
    }
  }
  return wordsOf
}

/**
 * How history entries and version comparisons name linked records, by id: "words (code)", or the
 * code alone for a record that has no words yet.
 */
export function namedRefs(
  rows: readonly { id: string; kind: string; ref: string; data: Record<string, unknown> }[],
  titleFieldOf: (kind: string) => string | undefined,
): Record<string, string> {
  const wordsOf = wordsLookup(rows, titleFieldOf)
  return Object.fromEntries(
    rows.map((r) => {
      const words = wordsOf(r.id)
      return [r.id, words ? `${words} (${r.ref})` : r.ref]
    }),
  )
}

/** "words (code)"; the code alone in brackets never stands for a record. */
export function withCode(words: string, code: string, untitled: string): string {
  return `${words || untitled} (${code})`
}

/**
 * Words shortened for places that cannot wrap (a dropdown's options), on a word boundary. The full
 * text stays reachable: in the record's own row, and in the picker's title where one is shown.
 */
export function shortWords(words: string, max = 80): string {
  if (words.length <= max) return words
  const cut = words.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
