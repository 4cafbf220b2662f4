import { sql, type Kysely, type Transaction } from 'kysely'
import { type StoredDocumentUpdates } from '#core/collab/read-document.ts'
import { type DocumentMention } from '#core/editor/mention-node.ts'
import { type Executor } from '../executor.ts'
import { type DB } from '../types.ts'

export interface StoredDocument {
  state: Uint8Array
  lastSeq: number
  /** Updates not yet folded into the snapshot, in log order. */
  tail: { seq: number; update: Uint8Array }[]
}

// The tail is every log row of the document, not the rows above a watermark: a row can commit
// after a row with a higher seq (bigserial values are taken before commit), and compaction
// deletes exactly the rows it folded, so whatever remains is by definition not in the snapshot.

/**
 * The snapshot and the log tail of a document, read in one consistent view so that a compaction
 * committing in between can never hide updates. Undefined when the document was never created.
 */
export function findForLoad(db: Kysely<DB>, name: string): Promise<StoredDocument | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const doc = await trx
        .selectFrom('collab_documents')
        .select(['state', 'last_seq'])
        .where('name', '=', name)
        .executeTakeFirst()
      if (!doc) return undefined
      const tail = await trx
        .selectFrom('collab_updates')
        .select(['seq', 'update'])
        .where('doc_name', '=', name)
        .orderBy('seq')
        .execute()
      return { state: doc.state, lastSeq: doc.last_seq, tail }
    })
}

/**
 * Creates a document with its initial state unless it exists. The primary key makes this atomic
 * across connections and servers: exactly one caller's initial content is ever stored.
 */
export async function insertIfAbsent(
  db: Executor,
  input: { name: string; planId: string; state: Uint8Array; plainText: string; html: string },
): Promise<boolean> {
  const result = await db
    .insertInto('collab_documents')
    .values({
      name: input.name,
      plan_id: input.planId,
      state: input.state,
      byte_size: input.state.byteLength,
      plain_text: input.plainText,
      html: input.html,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/** Appends Yjs updates (of one or several documents) to the log in one statement, in order. */
export async function appendUpdates(db: Executor, rows: { docName: string; update: Uint8Array }[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('collab_updates')
    .values(rows.map((r) => ({ doc_name: r.docName, update: r.update })))
    .execute()
}

/** Log rows by their seq, in seq order; rows already folded into a snapshot are simply absent. */
export function findUpdatesBySeq(
  db: Executor,
  seqs: readonly number[],
): Promise<{ seq: number; doc_name: string; update: Uint8Array }[]> {
  if (seqs.length === 0) return Promise.resolve([])
  return db
    .selectFrom('collab_updates')
    .select(['seq', 'doc_name', 'update'])
    .where(sql<boolean>`seq = any(${[...seqs]}::bigint[])`)
    .orderBy('seq')
    .execute()
}

/** Channel on which each log append is announced (migration 2026_12_07_1200_collab_fanout). */
export const UPDATES_CHANNEL = 'scp_collab_updates'
/** Channel on which collab-server instances exchange presence (awareness) of shared documents. */
export const AWARENESS_CHANNEL = 'scp_collab_awareness'

/** Sends one notification per payload on the presence channel, in order, in one statement. */
export async function notifyAwareness(db: Executor, payloads: readonly string[]): Promise<void> {
  if (payloads.length === 0) return
  await sql`SELECT pg_notify(${AWARENESS_CHANNEL}, p) FROM unnest(${[...payloads]}::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n`.execute(
    db,
  )
}

export interface Compacted {
  state: Uint8Array
  plainText: string
  html: string
  /** The mentions the rendered document holds (ADR 062); absent when the renderer did not look. */
  mentions?: DocumentMention[]
}

/** First key of the advisory lock a compaction holds (the second is the document name's hash). */
const COMPACTION_LOCK = 7_340_001

/**
 * Folds the log tail into the snapshot: under a row lock (NO KEY UPDATE, so that appends, which
 * only take a key-share lock through the foreign key, never wait for it), `build` merges
 * snapshot + tail, the snapshot is overwritten (last_seq records the highest folded seq, for monitoring) and exactly
 * the folded rows are deleted, in one transaction. Safe to repeat and to crash at any point.
 * Returns the number of rows folded, or null when another connection is compacting it right now.
 */
export function compact(
  db: Kysely<DB>,
  name: string,
  build: (stored: StoredDocumentUpdates) => Compacted | Promise<Compacted>,
  options: {
    force?: boolean
    /** Runs in the compaction's transaction once the snapshot is written (the mentions' notifications). */
    onCompacted?: (trx: Transaction<DB>, next: Compacted) => Promise<void>
  } = {},
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    // Several collab-server instances may hold the document; while one compacts it the others skip
    // rather than queue behind its row lock (the log rows they would fold are being folded).
    const { rows } = await sql<{
      locked: boolean
    }>`SELECT pg_try_advisory_xact_lock(${COMPACTION_LOCK}, hashtext(${name})) AS locked`.execute(trx)
    if (!rows[0]?.locked) return null
    const doc = await trx
      .selectFrom('collab_documents')
      .select(['state', 'last_seq'])
      .where('name', '=', name)
      .forNoKeyUpdate()
      .executeTakeFirst()
    if (!doc) return 0
    const tail = await trx
      .selectFrom('collab_updates')
      .select(['seq', 'update'])
      .where('doc_name', '=', name)
      .orderBy('seq')
      .execute()
    if (tail.length === 0 && !options.force) return 0
    const folded = tail.map((r) => r.seq)
    const watermark = folded.reduce((a, b) => Math.max(a, b), doc.last_seq)
    const next = await build({ state: doc.state, tail })
    await trx
      .updateTable('collab_documents')
      .set({
        state: next.state,
        last_seq: watermark,
        byte_size: next.state.byteLength,
        plain_text: next.plainText,
        html: next.html,
        compacted_at: new Date(),
      })
      .where('name', '=', name)
      .execute()
    await trx
      .deleteFrom('collab_updates')
      .where(sql<boolean>`seq = any(${folded}::bigint[])`)
      .execute()
    await options.onCompacted?.(trx, next)
    return tail.length
  })
}

/** The plain-text and HTML renderings of one document, as of its last compaction. */
export function findRendering(db: Executor, name: string) {
  return db
    .selectFrom('collab_documents')
    .select(['name', 'plain_text', 'html', 'byte_size', 'compacted_at'])
    .where('name', '=', name)
    .executeTakeFirst()
}

/** The renderings of every document of a plan (notes and narrative), for export and review. */
export function findRenderingsByPlan(db: Executor, planId: string) {
  return db
    .selectFrom('collab_documents')
    .select(['name', 'plain_text', 'html', 'compacted_at'])
    .where('plan_id', '=', planId)
    .orderBy('name')
    .execute()
}

/** How many log rows wait to be compacted (for tests and monitoring). */
export async function countTail(db: Executor, name: string): Promise<number> {
  const row = await db
    .selectFrom('collab_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('doc_name', '=', name)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
