import { type WordsOf } from '../recordName.ts'
import { type LinkOption } from '../types.ts'

/** The words of every record a page's link options know, by id. */
export function optionWords(options: Record<string, LinkOption[]>): WordsOf {
  const byId = new Map(Object.values(options).flatMap((list) => list.map((o) => [o.id, o.label] as const)))
  return (id) => (typeof id === 'string' ? byId.get(id) : undefined)
}
