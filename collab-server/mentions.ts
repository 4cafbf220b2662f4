// Tells people they were mentioned in a co-edited document (issue 14, ADR 062). Runs in the
// compaction's transaction with what the renderer found, so a document is read for mentions only
// when it is rendered anyway (debounced after edits, bounded by the maximum wait), never per
// keystroke; a mention typed and removed before that is never seen and tells nobody. Each mention
// tells its person once: the dedupe key is the mention's own id, so the same document rendered
// again, on this instance or another, adds nothing.
import { parseDocName, type DocRef } from '#core/collab/contract.ts'
import { type DocumentMention } from '#core/editor/mention-node.ts'
import * as CollabAuthorRepository from '#db/repositories/collab-authors.ts'
import * as MentionRepository from '#db/repositories/mentions.ts'
import * as NotificationRepository from '#db/repositories/notifications.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { type Executor } from '#db/executor.ts'

/** The page a document is edited on: a sub-step's notes, or the plan's narrative on its overview. */
export function documentPath(ref: DocRef): string {
  return ref.substep ? `/plans/${ref.planId}/steps/${ref.substep}#team-notes` : `/plans/${ref.planId}#plan-narrative`
}

/** Adds a `mention` notification for each mention of someone who may read the plan; returns how many were added. */
export async function notifyDocumentMentions(
  db: Executor,
  docName: string,
  mentions: readonly DocumentMention[],
): Promise<number> {
  const ref = parseDocName(docName)
  if (!ref || mentions.length === 0) return 0
  const readers = await MentionRepository.findReaders(
    db,
    ref.planId,
    mentions.map((m) => m.userId),
  )
  const told = mentions.filter((m) => readers.has(m.userId))
  if (told.length === 0) return 0
  const plan = await PlanRepository.findById(db, ref.planId)
  if (!plan) return 0
  const authors = await CollabAuthorRepository.findByClientIds(
    db,
    docName,
    told.flatMap((m) => (m.clientId === null ? [] : [m.clientId])),
  )
  const ids = await NotificationRepository.insertMany(
    db,
    told.map((m) => {
      const author = m.clientId === null ? undefined : authors.get(m.clientId)
      return {
        userId: m.userId,
        kind: 'mention' as const,
        planId: ref.planId,
        actorId: author?.userId ?? null,
        params: {
          planTitle: plan.title,
          actorName: author?.name ?? null,
          excerpt: m.excerpt,
          ...(ref.substep
            ? { where: 'notes' as const, subject: 'substep' as const, ref: ref.substep }
            : { where: 'narrative' as const, subject: 'plan' as const, ref: null }),
        },
        path: documentPath(ref),
        dedupeKey: `mention:${m.mentionId}`,
      }
    }),
  )
  return ids.length
}
