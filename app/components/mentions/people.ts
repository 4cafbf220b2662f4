// Who the "@" list offers and how typing narrows it (ADR 062). Isomorphic, shared by the comment
// box and the co-editor.

export interface MentionPerson {
  id: string
  name: string
  organisation: string | null
  /** On the plan's team (else an ILO reviewer). */
  team: boolean
}

/** At most this many people are listed at once: typing narrows the rest. */
export const MAX_LISTED = 8

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()

/**
 * The people whose name (or organisation) matches what follows "@": a word of it starting with the
 * query first, then the name containing it; accents and case ignored. An empty query lists everyone.
 */
export function matchPeople(people: readonly MentionPerson[], query: string, max = MAX_LISTED): MentionPerson[] {
  const q = fold(query.trim())
  if (q === '') return people.slice(0, max)
  const starts: MentionPerson[] = []
  const contains: MentionPerson[] = []
  for (const person of people) {
    const name = fold(person.name)
    const words = `${name} ${fold(person.organisation ?? '')}`.split(/[\s.-]+/)
    if (name.startsWith(q) || words.some((w) => w.startsWith(q))) starts.push(person)
    else if (name.includes(q)) contains.push(person)
  }
  return [...starts, ...contains].slice(0, max)
}

/**
 * The "@" being typed just before the caret in `text`: where it starts and what follows it, or
 * null. The "@" starts the text or follows a space or an opening bracket (an email address does not
 * open the list); the query is at most 40 characters on one line, at most one space ("Ana Ro").
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret)
  const m = /(^|[\s([{"'«])@([^\s@]{0,40}(?: [^\s@]{0,40})?)$/u.exec(before)
  if (!m) return null
  return { start: before.length - m[2]!.length - 1, query: m[2]! }
}
