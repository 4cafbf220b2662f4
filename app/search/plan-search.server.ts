// Searching one plan: its worksheet records and the current text of its co-edited documents (the
// sub-steps' team notes and the plan narrative, with edits not yet compacted).
import { parseDocName } from '#app/collab/contract.ts'
import { type Db } from '#db/client.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { currentDocuments } from '../exports/collab-content.server.ts'
import { SUBSTEP_CODES, type SubstepCode } from '../utils/substeps.ts'
import { KINDS } from '../worksheets/kinds.ts'
import { matchText, type Snippet } from './match.ts'

export type SearchHit =
  | { source: 'document'; substep: SubstepCode | null; snippet: Snippet }
  | { source: 'record'; substep: SubstepCode; itemId: string; kind: string; ref: string; field: string; snippet: Snippet }

/** More would not be read; the page asks for more words instead. */
export const MAX_HITS = 100

const order = (substep: SubstepCode | null) => (substep === null ? -1 : SUBSTEP_CODES.indexOf(substep))

/** The hits for `terms` (from queryTerms), narrative first, then by sub-step: notes, then records in worksheet order. */
export async function searchPlan(db: Db, planId: string, terms: readonly string[]): Promise<{ hits: SearchHit[]; truncated: boolean }> {
  const [documents, items] = await Promise.all([currentDocuments(db, planId), ItemRepository.findByKinds(db, planId, Object.keys(KINDS))])
  const hits: SearchHit[] = []
  for (const document of documents) {
    const ref = parseDocName(document.name)
    const snippet = ref ? matchText(document.plainText, terms) : null
    if (ref && snippet) hits.push({ source: 'document', substep: ref.substep, snippet })
  }
  for (const item of items) {
    const spec = KINDS[item.kind]!
    const texts: [string, unknown][] = [['ref', item.ref], ...spec.fields.filter((f) => f.type === 'text' || f.type === 'longtext').map((f): [string, unknown] => [f.name, item.data[f.name]])]
    for (const [field, value] of texts) {
      const snippet = typeof value === 'string' ? matchText(value, terms) : null
      if (!snippet) continue
      hits.push({ source: 'record', substep: spec.substep, itemId: item.id, kind: item.kind, ref: item.ref, field, snippet })
      break
    }
  }
  // Stable sort: records keep the repository's worksheet order within a sub-step.
  hits.sort((a, b) => order(a.substep) - order(b.substep) || (a.source === b.source ? 0 : a.source === 'document' ? -1 : 1))
  return { hits: hits.slice(0, MAX_HITS), truncated: hits.length > MAX_HITS }
}
