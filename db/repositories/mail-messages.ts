import { sql } from 'kysely'
import { withTransaction, type Executor } from '../executor.ts'

// The messages the portal decided to send, and the queue jobs that send them (ADR 060). A message
// and its job are written in one transaction; the job is keyed by the message id, and the row's
// `sent_at` is the truth about whether it went.

/** The queue task that sends one message. */
export const SEND_TASK = 'mail:send'
/**
 * Tries before a message is given up: graphile-worker waits exp(min(attempt, 10)) seconds after
 * each failure (3 s, 7 s, 20 s … 6 h), so twelve tries span about 16 hours of an SMTP server away.
 */
export const MAX_ATTEMPTS = 12

export type MailPurpose = 'invitation' | 'password_reset' | 'plan_member_added' | 'security' | 'notification' | 'digest'

/** Messages whose bodies hold a one-time link: blanked once the SMTP server has them. */
const SENSITIVE: readonly MailPurpose[] = ['invitation', 'password_reset']

export interface MailInput {
  userId: string | null
  to: string
  purpose: MailPurpose
  locale: string
  subject: string
  text: string
  html: string
}

export const jobKey = (messageId: string) => `mail:${messageId}`

/** Adds the send job for a message, unless one with its key exists (running, waiting or given up). */
function addSendJob(db: Executor, messageId: string) {
  return sql`SELECT graphile_worker.add_job(${SEND_TASK}, json_build_object('messageId', ${messageId}::text),
      max_attempts := ${MAX_ATTEMPTS}, job_key := ${jobKey(messageId)}, job_key_mode := 'unsafe_dedupe')`.execute(db)
}

/** Records a message and queues its sending, both in the caller's transaction. Returns its id. */
export function insert(db: Executor, message: MailInput): Promise<string> {
  return withTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('mail_messages')
      .values({
        user_id: message.userId,
        to_address: message.to,
        purpose: message.purpose,
        locale: message.locale,
        subject: message.subject.slice(0, 300),
        text_body: message.text,
        html_body: message.html,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await addSendJob(trx, row.id)
    return row.id
  })
}

/**
 * The message, locked for the caller's transaction, if it still has to be sent. Undefined when it
 * was sent or given up, or when another sender holds it right now.
 */
export function lockUnsent(trx: Executor, id: string) {
  return trx
    .selectFrom('mail_messages')
    .select(['id', 'to_address', 'subject', 'text_body', 'html_body', 'created_at', 'purpose'])
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
}

/** Marks the message sent (and the notifications it carried), in the transaction that held its lock. */
export async function markSent(trx: Executor, id: string, purpose: MailPurpose) {
  const scrub = SENSITIVE.includes(purpose)
  await trx
    .updateTable('mail_messages')
    .set((eb) => ({
      sent_at: sql`now()`,
      attempts: eb('attempts', '+', 1),
      last_error: null,
      ...(scrub ? { text_body: null, html_body: null } : {}),
    }))
    .where('id', '=', id)
    .execute()
  await trx
    .updateTable('notifications')
    .set({ email_state: 'sent', emailed_at: sql`now()` })
    .where('mail_message_id', '=', id)
    .execute()
}

/** Records a failed try; the last one gives the message up (the queue keeps the job as failed). */
export async function recordFailure(db: Executor, id: string, error: string, final: boolean) {
  await db
    .updateTable('mail_messages')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 1000),
      ...(final ? { failed_at: sql`now()` } : {}),
    }))
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute()
}

/**
 * Queues again the unsent messages older than `minutes` that have no job (after a restore from a
 * backup, which holds the messages but not the queue). A message whose job still exists, waiting,
 * running or given up, is left alone. Returns how many were looked at.
 */
export async function requeueStranded(db: Executor, minutes: number) {
  const rows = await db
    .selectFrom('mail_messages')
    .select('id')
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('created_at', '<', sql<Date>`now() - make_interval(mins => ${minutes})`)
    .orderBy('created_at')
    .limit(500)
    .execute()
  for (const row of rows) await addSendJob(db, row.id)
  return rows.length
}

/** Deletes messages sent or given up more than `days` ago; returns how many went. */
export async function deleteFinishedBefore(db: Executor, days: number) {
  const result = await db
    .deleteFrom('mail_messages')
    .where((eb) => eb.or([eb('sent_at', 'is not', null), eb('failed_at', 'is not', null)]))
    .where(sql<boolean>`coalesce(sent_at, failed_at) < now() - make_interval(days => ${days})`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** How many queue jobs exist for a message (waiting, running or given up): 0 once it was sent. */
export function countJobs(db: Executor, messageId: string) {
  return sql<{
    n: number
  }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${jobKey(messageId)}`.execute(db)
}
