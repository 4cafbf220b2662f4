import { type TFunction } from 'i18next'
import { parseNotification } from '#core/notifications.ts'
import { formatDate } from '../../utils/locales.ts'

/** A stored notification as the page receives it. */
export interface NotificationRow {
  kind: string
  params: unknown
  /** The plan's and the actor's current names, for rows whose params do not say them. */
  plan_title: string | null
  actor_name: string | null
}

export interface NotificationWords {
  /** The one-line message. */
  text: string
  /** A note, comment or reason quoted under it, when the notification carries one. */
  quote: string | null
}

type T = TFunction

/** Where a comment thread or a mention is: a record (its code), a sub-step, or the plan itself. */
function place(t: T, n: { subject: 'item' | 'substep' | 'plan'; ref: string | null }): string {
  if (n.subject === 'plan' || !n.ref) return t('notifications:where.plan')
  return n.subject === 'substep'
    ? t('notifications:where.substep', { code: n.ref })
    : t('notifications:where.record', { ref: n.ref })
}

/** The message of one notification in the reader's language, from its kind and params. */
export function describeNotification(t: T, locale: string, row: NotificationRow): NotificationWords {
  const n = parseNotification(row.kind, row.params)
  const someone = t('notifications:someone')
  if (!n) {
    // Params that do not fit (an older row, an unknown kind): the kind's name and the plan.
    const kind = t(`notifications:kindName.${row.kind}`, { defaultValue: t('notifications:kindName.other') })
    return { text: row.plan_title ? `${kind}: ${row.plan_title}` : kind, quote: null }
  }
  const actor = ('actorName' in n.params ? n.params.actorName : null) ?? row.actor_name ?? someone
  const plan = n.params.planTitle
  switch (n.kind) {
    case 'plan_submitted':
      return {
        text:
          n.params.submission > 1
            ? t('notifications:text.plan_resubmitted', { actor, plan, n: n.params.submission })
            : t('notifications:text.plan_submitted', { actor, plan }),
        quote: null,
      }
    case 'plan_returned':
      return { text: t('notifications:text.plan_returned', { actor, plan }), quote: n.params.note || null }
    case 'plan_approved':
      return { text: t('notifications:text.plan_approved', { actor, plan, version: n.params.version }), quote: null }
    case 'endorsement_requested':
      return {
        text: t('notifications:text.endorsement_requested', { plan, organisation: n.params.organisation }),
        quote: null,
      }
    case 'endorsement_recorded':
      return {
        text: t(n.params.decision === 'endorse' ? 'notifications:text.endorsed' : 'notifications:text.objected', {
          actor,
          plan,
          organisation: n.params.organisation,
        }),
        quote: n.params.comment,
      }
    case 'endorsement_overridden':
      return {
        text: t('notifications:text.endorsement_overridden', { actor, plan, version: n.params.version }),
        quote: n.params.reason,
      }
    case 'review_comment':
      return {
        text: t(n.params.reply ? 'notifications:text.comment_reply' : 'notifications:text.review_comment', {
          actor,
          plan,
          where: place(t, n.params),
        }),
        quote: n.params.excerpt,
      }
    case 'mention':
      return {
        text: t(`notifications:text.mention_${n.params.where}`, { actor, plan, where: place(t, n.params) }),
        quote: n.params.excerpt,
      }
    case 'measurement_due':
      return {
        text: t(n.params.overdue ? 'notifications:text.measurement_overdue' : 'notifications:text.measurement_due', {
          plan,
          indicator: n.params.indicator,
          date: formatDate(n.params.dueDate, locale),
        }),
        quote: null,
      }
  }
}
