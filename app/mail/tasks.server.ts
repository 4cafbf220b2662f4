import { type Task, type TaskList } from 'graphile-worker'
import { errorMessage, type Logger } from '#core/log.server.ts'
import { type Db } from '#db/client.ts'
import * as MailRepository from '#db/repositories/mail-messages.ts'
import * as NotificationMail from '#db/repositories/notification-mail.ts'
import * as PasswordResetRepository from '#db/repositories/password-resets.ts'
import { type MailEnv } from './env.server.ts'
import { recipientLocale } from './i18n.server.ts'
import { digestMessage, notificationMessage } from './messages.server.ts'
import { type MailTransport } from './transport.server.ts'

// The queue's tasks (ADR 060). Each is safe to run twice: the send task does nothing for a message
// already sent, and the deciding tasks take only rows still in the state they move them out of.

export const NOTIFICATIONS_TASK = 'mail:notifications'
export const DIGEST_TASK = 'mail:digest'
export const MAINTENANCE_TASK = 'mail:maintenance'
const BATCH = 100
/** An unsent message without a job this long after it was written is queued again (after a restore). */
export const STRANDED_MINUTES = 10
export const KEEP_FINISHED_DAYS = 30
export const KEEP_RESET_REQUESTS_HOURS = 24

interface Deps {
  db: Db
  env: MailEnv
  transport: MailTransport
  log: Logger
}

function messageIdOf(payload: unknown): string | undefined {
  const id = payload && typeof payload === 'object' ? (payload as { messageId?: unknown }).messageId : undefined
  return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : undefined
}

/**
 * Sends one message. The row stays locked while the SMTP server is asked, and `sent_at` is set in
 * that same transaction once it accepted: a second run, a second process or a job added again
 * finds it sent (or locked) and does nothing. A refusal throws, so the queue tries again later.
 */
function sendTask({ db, transport, log }: Deps): Task {
  return async (payload, helpers) => {
    const id = messageIdOf(payload)
    if (!id) return log('warn', 'mail job without a message id', { job: helpers.job.id })
    try {
      await db.transaction().execute(async (trx) => {
        const message = await MailRepository.lockUnsent(trx, id)
        if (!message) return
        await transport.send({
          id: message.id,
          to: message.to_address,
          subject: message.subject,
          text: message.text_body ?? '',
          html: message.html_body ?? '',
          createdAt: message.created_at,
        })
        await MailRepository.markSent(trx, message.id, message.purpose as MailRepository.MailPurpose)
      })
    } catch (error) {
      const final = helpers.job.attempts >= helpers.job.max_attempts
      await MailRepository.recordFailure(db, id, errorMessage(error), final)
      log(final ? 'error' : 'warn', final ? 'mail given up' : 'mail refused, will retry', {
        message: id,
        attempt: helpers.job.attempts,
        error: errorMessage(error),
      })
      throw error
    }
  }
}

/** Decides every pending notification by its person's choice: a message now, the digest, or none. */
function notificationsTask({ db, env }: Deps): Task {
  return async () => {
    for (;;) {
      const claimed = await db.transaction().execute(async (trx) => {
        const rows = await NotificationMail.claimPending(trx, BATCH)
        const skipped = rows.filter((r) => !r.is_active || r.delivery === 'off')
        const daily = rows.filter((r) => r.is_active && r.delivery === 'daily')
        await NotificationMail.setState(
          trx,
          skipped.map((r) => r.id),
          'skipped',
        )
        await NotificationMail.setState(
          trx,
          daily.map((r) => r.id),
          'digest',
        )
        for (const row of rows.filter((r) => r.is_active && r.delivery === 'instant')) {
          const locale = recipientLocale(row.locale, row.working_language)
          const message = await notificationMessage({
            locale,
            publicUrl: env.publicUrl,
            name: row.name,
            notification: row,
          })
          const messageId = await MailRepository.insert(trx, {
            userId: row.user_id,
            to: row.email,
            purpose: 'notification',
            locale,
            ...message,
          })
          await NotificationMail.attachToMessage(trx, [row.id], messageId)
        }
        return rows.length
      })
      if (claimed < BATCH) return
    }
  }
}

/** One message per person listing the notifications they chose to receive daily. */
function digestTask({ db, env }: Deps): Task {
  return async () => {
    for (const userId of await NotificationMail.findDigestRecipients(db)) {
      await db.transaction().execute(async (trx) => {
        const rows = await NotificationMail.claimDigest(trx, userId)
        if (rows.length === 0) return
        // A person deactivated, or who turned the kind off since, is not sent what waited.
        const dropped = rows.filter((r) => !r.is_active || r.delivery === 'off')
        const kept = rows.filter((r) => r.is_active && r.delivery !== 'off')
        await NotificationMail.setState(
          trx,
          dropped.map((r) => r.id),
          'skipped',
        )
        const first = kept[0]
        if (!first) return
        const locale = recipientLocale(first.locale, first.working_language)
        const message = await digestMessage({
          locale,
          publicUrl: env.publicUrl,
          name: first.name,
          notifications: kept,
        })
        const messageId = await MailRepository.insert(trx, {
          userId,
          to: first.email,
          purpose: 'digest',
          locale,
          ...message,
        })
        await NotificationMail.attachToMessage(
          trx,
          kept.map((r) => r.id),
          messageId,
        )
      })
    }
  }
}

/** Hourly: queues stranded messages again, forgets finished ones and old reset requests. */
function maintenanceTask({ db, log }: Deps): Task {
  return async () => {
    const requeued = await MailRepository.requeueStranded(db, STRANDED_MINUTES)
    const deleted = await MailRepository.deleteFinishedBefore(db, KEEP_FINISHED_DAYS)
    const resets = await PasswordResetRepository.deleteOlderThan(db, KEEP_RESET_REQUESTS_HOURS)
    if (requeued + deleted + resets > 0) log('info', 'mail maintenance', { requeued, deleted, resets })
  }
}

export function mailTasks(deps: Deps): TaskList {
  return {
    [MailRepository.SEND_TASK]: sendTask(deps),
    [NOTIFICATIONS_TASK]: notificationsTask(deps),
    [DIGEST_TASK]: digestTask(deps),
    [MAINTENANCE_TASK]: maintenanceTask(deps),
  }
}
