import { createHash } from 'node:crypto'
import { data, redirect } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as IdempotencyKeyRepository from '#db/repositories/idempotency-keys.ts'
import { IDEMPOTENCY_FIELD } from './idempotency.ts'
import { uuid } from './validation.ts'
import { isDataWithInit } from './resource-response.server.ts'

// A resent form entry gets the answer of its first submission instead of being saved twice
// (ADR 039). The route reads the key the form sent, then runs its whole handling through
// `answerOnce`: the first request with a key claims it, creates and stores its answer in one
// transaction; a later one with the same key and the same content gets that answer again.

/**
 * How long a key is kept: a page holds its key only while it waits to resend an entry, and a page
 * left open offline through a long weekend or a field trip still finds its first answer.
 */
export const KEY_RETENTION_HOURS = 7 * 24

export interface EntryKey {
  userId: string
  key: string
  /** What was sent with the key: the same key with other content is not a resend. */
  fingerprint: string
}

/**
 * The key of this submission, scoped to its author; null when the form sent none (a form posted
 * before the page's script ran). A malformed key is refused with 400.
 */
export function readEntryKey(request: Request, formData: FormData, userId: string): EntryKey | null {
  const raw = formData.get(IDEMPOTENCY_FIELD)
  if (raw === null || raw === '') return null
  const key = uuid.safeParse(raw)
  if (!key.success) throw data({ message: 'Bad request' }, { status: 400 })
  return { userId, key: key.data.toLowerCase(), fingerprint: fingerprintOf(request, formData) }
}

/** sha256 of the path and every field but the key, in the order sent (repeated fields keep theirs). */
export function fingerprintOf(request: Request, formData: FormData): string {
  const fields = [...formData.entries()]
    .filter(([name]) => name !== IDEMPOTENCY_FIELD)
    .map(([name, value]) => [name, typeof value === 'string' ? value : `file:${value.name}:${value.size}`])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
  return createHash('sha256')
    .update(JSON.stringify([new URL(request.url).pathname, fields]))
    .digest('hex')
}

type StoredAnswer = { status: number; body: unknown } | { status: number; redirect: string }

function isRedirect(value: unknown): value is Response {
  return value instanceof Response && value.status >= 300 && value.status < 400 && value.headers.has('Location')
}

/** The answer as it is kept for a resend; undefined for a refusal (4xx, 5xx), which keeps nothing. */
async function toStored(answer: unknown): Promise<StoredAnswer | undefined> {
  if (isRedirect(answer)) return { status: answer.status, redirect: answer.headers.get('Location')! }
  if (answer instanceof Response)
    return answer.ok ? { status: answer.status, body: await answer.clone().json() } : undefined
  if (isDataWithInit(answer)) {
    const status = answer.init?.status ?? 200
    return status < 400 ? { status, body: answer.data } : undefined
  }
  return { status: 200, body: answer }
}

/** The first answer again, as the route gave it (a redirect is thrown, as routes throw theirs). */
function replay(stored: StoredAnswer): unknown {
  if ('redirect' in stored) throw redirect(stored.redirect, stored.status)
  return stored.status === 200 ? stored.body : data(stored.body, { status: stored.status })
}

/** Carries a refusal out of the transaction, so that the key and anything written go with it. */
class Refusal {
  constructor(readonly answer: unknown) {}
}

/**
 * Runs `handle` once per entry key. Without a key it simply runs. With one: a key already used
 * with the same content answers as the first time; with other content, `changed()` answers (the
 * form was edited after a save whose reply was lost). Otherwise `handle` runs in a transaction
 * that first claims the key; a success stores its answer with it, a refusal rolls everything back.
 */
export async function answerOnce<T, C>(
  db: Db,
  entry: EntryKey | null,
  handle: (db: Db) => Promise<T>,
  changed: () => C,
): Promise<T | C> {
  if (!entry) return handle(db)
  const repeat = (earlier: { fingerprint: string; answer: unknown } | undefined) =>
    earlier?.fingerprint === entry.fingerprint && earlier.answer
      ? (replay(earlier.answer as StoredAnswer) as T)
      : changed()

  // The common resend comes after the first one finished: answer it without a transaction.
  const earlier = await IdempotencyKeyRepository.find(db, entry)
  if (earlier) return repeat(earlier)

  let outcome:
    | { first: true; answer: unknown; thrown: boolean }
    | { first: false; earlier: Awaited<ReturnType<typeof IdempotencyKeyRepository.find>> }
  try {
    outcome = await db.transaction().execute(async (trx) => {
      // Waits for a twin still in its transaction; taken means the twin saved the entry.
      if (!(await IdempotencyKeyRepository.claim(trx, entry)))
        return { first: false as const, earlier: await IdempotencyKeyRepository.find(trx, entry) }
      let answer: unknown
      let thrown = false
      try {
        answer = await handle(trx)
      } catch (error) {
        // Routes throw their redirects after a success (a new plan, an approval).
        if (!isRedirect(error)) throw error
        answer = error
        thrown = true
      }
      const stored = await toStored(answer)
      if (!stored) throw new Refusal(answer)
      await IdempotencyKeyRepository.storeAnswer(trx, { ...entry, answer: stored })
      return { first: true as const, answer, thrown }
    })
  } catch (error) {
    if (error instanceof Refusal) return error.answer as T
    throw error
  }
  if (!outcome.first) return repeat(outcome.earlier)
  if (outcome.thrown) throw outcome.answer
  return outcome.answer as T
}

/**
 * The form-level error of a `changed()` answer, in the `{ status, error }` shape of conform's
 * replies that every form reads: an entry was saved, then the form was edited and sent again with
 * the same key. The form renews its key on this answer, so sending once more adds a new entry.
 */
export function changedAfterSave() {
  return {
    status: 'error' as const,
    error: { '': ['idempotency.changedAfterSave'] } as Record<string, string[] | null>,
  }
}
