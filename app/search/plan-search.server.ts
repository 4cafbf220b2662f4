// Searching one plan: its worksheet records, the discussions on its sub-steps and records, and the
// current text of its co-edited documents (the sub-steps' team notes and the plan narrative, with
// edits not yet compacted).
import { parseDocName } from '#core/collab/contract.ts'
import { type Db } from '#db/client.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import { mentionsAsText } from '#core/mentions/tokens.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { currentDocuments } from '../documents/current.server.ts'
import { isSubstepCode, SUBSTEP_CODES, type SubstepCode } from '#core/substeps.ts'
import { KINDS } from '../method/worksheets.ts'
import { matchText, type Snippet } from './match.ts'

export type SearchHit =
  | { source: 'document'; substep: SubstepCode | null; snippet: Snippet }
  | {
      source: 'record'
      substep: SubstepCode
      itemId: string
      kind: string
      ref: string
      field: string
      snippet: Snippet
    }
  /** A discussion comment on a sub-step (`item` null) or on one of its records. */
  | {
      source: 'comment'
      substep: SubstepCode
      commentId: string
      author: string | null
      item: { id: string; ref: string } | null
      snippet: Snippet
    }

/** More would not be read; the page asks for more words instead. */
export const MAX_HITS = 100

const order = (substep: SubstepCode | null) => (substep === null ? -1 : SUBSTEP_CODES.indexOf(substep))

const SOURCE_ORDER: Record<SearchHit['source'], number> = { document: 0, record: 1, comment: 2 }

/** The hits for `terms` (from queryTerms): narrative first, then by sub-step its notes, records (in worksheet order) and comments. */
export async function searchPlan(
  db: Db,
  planId: string,
  terms: readonly string[],
): Promise<{ hits: SearchHit[]; truncated: boolean }> {
  const [documents, items, comments] = await Promise.all([
    currentDocuments(db, planId),
    ItemRepository.findByKinds(db, planId, Object.keys(KINDS)),
    CommentRepository.findByPlan(db, planId),
  ])
  const hits: SearchHit[] = []
  for (const document of documents) {
    const ref = parseDocName(document.name)
    const snippet = ref ? matchText(document.plainText, terms) : null
    if (ref && snippet) hits.push({ source: 'document', substep: ref.substep, snippet })
  }
  for (const item of items) {
    const spec = KINDS[item.kind]!
    const texts: [string, unknown][] = [
      ['ref', item.ref],
      ...spec.fields
        .filter((f) => f.type === 'text' || f.type === 'longtext')
        .map((f): [string, unknown] => [f.name, item.data[f.name]]),
    ]
    for (const [field, value] of texts) {
      const snippet = typeof value === 'string' ? matchText(value, terms) : null
      if (!snippet) continue
      hits.push({
        source: 'record',
        substep: spec.substep,
        itemId: item.id,
        kind: item.kind,
        ref: item.ref,
        field,
        snippet,
      })
      break
    }
  }
  const itemsById = new Map(items.map((item) => [item.id, item]))
  for (const comment of comments) {
    const item = comment.subject_type === 'item' ? itemsById.get(comment.subject_id) : undefined
    const substep = item
      ? KINDS[item.kind]!.substep
      : comment.subject_type === 'substep' && isSubstepCode(comment.subject_id)
        ? comment.subject_id
        : null
    // A mention is searched and shown as the "@Name" people read, never its stored token (ADR 062).
    const snippet = substep ? matchText(mentionsAsText(comment.body), terms) : null
    if (!substep || !snippet) continue
    hits.push({
      source: 'comment',
      substep,
      commentId: comment.id,
      author: comment.author_name,
      item: item ? { id: item.id, ref: item.ref } : null,
      snippet,
    })
  }
  // Stable sort: records keep the repository's worksheet order, comments their time order.
  hits.sort((a, b) => order(a.substep) - order(b.substep) || SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source])
  return { hits: hits.slice(0, MAX_HITS), truncated: hits.length > MAX_HITS }
}
