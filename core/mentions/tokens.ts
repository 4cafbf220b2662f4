// Mentions in comments (issue 14, ADR 062). A comment stores a mention as a token that names the
// person twice, `@[Name](user:<uuid>)`: the id is what the portal trusts (who is told), the name
// is what is shown. Only the server writes tokens (resolveMentions in app/worksheets), always with
// the person's current name and only for someone who may read the plan; anything that looks like a
// token but was not written by it is shown as the plain text it is. Isomorphic.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
/** One token; the name holds no brackets, parentheses or line breaks (mentionName makes sure). */
const TOKEN = new RegExp(`@\\[([^\\[\\]()\\n\\r]{1,200})\\]\\(user:(${UUID})\\)`, 'g')

/** The most people one comment may mention (a longer list is no longer a mention, it is a mailing). */
export const MAX_MENTIONS = 20

/** A person's name as a token carries it: no brackets, parentheses or line breaks, at most 200 chars. */
export function mentionName(name: string): string {
  const clean = name
    .replace(/[[\]()\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
  return clean || '?'
}

/** The token for one person. */
export function mentionToken(userId: string, name: string): string {
  return `@[${mentionName(name)}](user:${userId})`
}

export type MentionSegment = { text: string } | { mention: { userId: string; name: string } }

/** A stored body cut into plain text and mentions, in order (for rendering, escaped by React). */
export function mentionSegments(body: string): MentionSegment[] {
  const segments: MentionSegment[] = []
  let at = 0
  for (const m of body.matchAll(TOKEN)) {
    if (m.index > at) segments.push({ text: body.slice(at, m.index) })
    segments.push({ mention: { userId: m[2]!, name: m[1]! } })
    at = m.index + m[0].length
  }
  if (at < body.length) segments.push({ text: body.slice(at) })
  return segments
}

/** The ids a body mentions, each once, in order of first mention. */
export function mentionedIds(body: string): string[] {
  return [...new Set([...body.matchAll(TOKEN)].map((m) => m[2]!))]
}

/** The body as people read it: every mention as "@Name" (exports, search, notification excerpts). */
export function mentionsAsText(body: string): string {
  return body.replace(TOKEN, (_, name: string) => `@${name}`)
}

/** The start of a body as plain text, at most `max` characters, cut at a word with an ellipsis. */
export function mentionExcerpt(body: string, max = 200): string {
  const text = mentionsAsText(body).replace(/\s+/g, ' ').trim()
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`
}

/**
 * Turns what someone typed into what is stored. `picked` are the people chosen in the "@" list
 * (the form sends their ids beside the text, which shows "@Name"): each picked person's first
 * "@Name" not yet taken becomes their token. Tokens already in the text (typed or pasted) are kept
 * only for `readers` and rewritten with their current name; any other id, and a picked person who
 * may not read the plan, stays as plain "@Name" text: nobody outside the plan is told or named by id.
 */
export function resolveMentions(
  body: string,
  picked: readonly string[],
  readers: ReadonlyMap<string, string>,
): { body: string; mentioned: string[] } {
  // Existing tokens first: readers' rewritten, others flattened to text.
  let text = body.replace(TOKEN, (_, name: string, id: string) => {
    const current = readers.get(id)
    return current === undefined ? `@${name}` : mentionToken(id, current)
  })
  for (const id of new Set(picked)) {
    const name = readers.get(id)
    if (name === undefined) continue
    const plain = `@${mentionName(name)}`
    const at = findUntokenised(text, plain)
    if (at === -1) continue
    text = text.slice(0, at) + mentionToken(id, name) + text.slice(at + plain.length)
  }
  const mentioned = mentionedIds(text).slice(0, MAX_MENTIONS)
  return { body: text, mentioned }
}

/** The first `plain` ("@Name") in `text` that is not inside a token and ends at a word boundary. */
function findUntokenised(text: string, plain: string): number {
  const tokens = [...text.matchAll(TOKEN)].map((m) => [m.index, m.index + m[0].length] as const)
  for (let at = text.indexOf(plain); at !== -1; at = text.indexOf(plain, at + 1)) {
    const inside = tokens.some(([start, end]) => at >= start && at < end)
    const next = text.charAt(at + plain.length)
    if (!inside && (next === '' || !/[\p{L}\p{N}_]/u.test(next))) return at
  }
  return -1
}
