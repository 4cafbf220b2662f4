import { type TFunction } from 'i18next'
import {
  NOTIFICATION_KINDS,
  type Locale,
  type NotificationKind,
  type PlanRole,
  type SecurityEventKind,
} from '#core/vocabulary.ts'
import { formatDateTime } from '../utils/locales.ts'
import { parseNotification } from '#core/notifications.ts'
import { describeNotification } from '../components/notifications/NotificationText.tsx'
import { mailT } from './i18n.server.ts'
import { renderMessage, type MessageItem } from './layout.server.tsx'

// The words of every message, per purpose and per notification kind, in the recipient's language.
// A notification's `params` come from its producer: every one is optional here, and a missing
// name or title falls back to a neutral word rather than failing the message.

export interface Rendered {
  subject: string
  text: string
  html: string
}

export const PREFERENCES_PATH = '/account/notifications'
export const DIGEST_HOUR_UTC = 6

const link = (publicUrl: string, path: string) => `${publicUrl}${path.startsWith('/') ? path : `/${path}`}`

async function securityFooter(t: TFunction) {
  return [t('mail:email.alwaysSent'), t('mail:email.signature')]
}

export async function invitationMessage(input: {
  locale: Locale
  publicUrl: string
  name: string
  email: string
  inviter: string
  token: string
  days: number
}): Promise<Rendered> {
  const t = await mailT(input.locale)
  return renderMessage({
    lang: input.locale,
    subject: t('mail:email.invitation.subject'),
    greeting: t('mail:email.greeting', { name: input.name }),
    paragraphs: [t('mail:email.invitation.intro', { inviter: input.inviter, email: input.email })],
    action: { label: t('mail:email.invitation.action'), url: link(input.publicUrl, `/invite/${input.token}`) },
    footer: [t('mail:email.invitation.expiry', { days: input.days }), ...(await securityFooter(t))],
  })
}

export async function passwordResetMessage(input: {
  locale: Locale
  publicUrl: string
  name: string
  email: string
  token: string
  minutes: number
}): Promise<Rendered> {
  const t = await mailT(input.locale)
  return renderMessage({
    lang: input.locale,
    subject: t('mail:email.reset.subject'),
    greeting: t('mail:email.greeting', { name: input.name }),
    paragraphs: [t('mail:email.reset.intro', { email: input.email })],
    action: { label: t('mail:email.reset.action'), url: link(input.publicUrl, `/reset-password/${input.token}`) },
    footer: [t('mail:email.reset.expiry', { minutes: input.minutes }), ...(await securityFooter(t))],
  })
}

/** A change to how the person signs in (ADR 064): always sent, so a change they did not make is noticed. */
export async function securityMessage(input: {
  locale: Locale
  publicUrl: string
  name: string
  kind: SecurityEventKind
  at: Date
  ip: string | null
}): Promise<Rendered> {
  const t = await mailT(input.locale)
  const what = t(`common:twoFactor.events.${input.kind}`)
  const when = formatDateTime(input.at, input.locale)
  return renderMessage({
    lang: input.locale,
    subject: t('mail:email.security.subject', { what }),
    greeting: t('mail:email.greeting', { name: input.name }),
    paragraphs: [
      input.ip
        ? t('mail:email.security.introFrom', { what, when, ip: input.ip })
        : t('mail:email.security.intro', { what, when }),
      t('mail:email.security.notYou'),
    ],
    action: { label: t('mail:email.security.action'), url: link(input.publicUrl, '/account/two-factor') },
    footer: await securityFooter(t),
  })
}

export async function memberAddedMessage(input: {
  locale: Locale
  publicUrl: string
  name: string
  actor: string
  plan: { id: string; title: string }
  role: PlanRole
}): Promise<Rendered> {
  const t = await mailT(input.locale)
  const values = { actor: input.actor, plan: input.plan.title, role: t(`common:roles.${input.role}`) }
  return renderMessage({
    lang: input.locale,
    subject: t('mail:email.memberAdded.subject', values),
    greeting: t('mail:email.greeting', { name: input.name }),
    paragraphs: [t('mail:email.memberAdded.intro', values)],
    action: { label: t('mail:email.memberAdded.action'), url: link(input.publicUrl, `/plans/${input.plan.id}`) },
    footer: await securityFooter(t),
  })
}

/** What a notification row brings to its message. */
export interface NotificationFacts {
  kind: string
  params: unknown
  path: string
  plan_title: string | null
  actor_name: string | null
}

const isNotificationKind = (value: string): value is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(value)

/**
 * One notification as a subject, a sentence and an optional quote (a note, an excerpt). The
 * sentence and the quote are the notifications page's own (describeNotification), so a message says
 * exactly what the bell's list says; only the subject line is the email's.
 */
function describe(t: TFunction, locale: Locale, n: NotificationFacts) {
  const words = describeNotification(t, locale, n)
  const parsed = parseNotification(n.kind, n.params)
  const values = {
    plan: parsed?.params.planTitle ?? n.plan_title ?? t('mail:email.aPlan'),
    actor:
      (parsed && 'actorName' in parsed.params ? parsed.params.actorName : null) ??
      n.actor_name ??
      t('mail:email.someone'),
  }
  const subject = isNotificationKind(n.kind) ? t(`mail:email.kinds.${n.kind}.subject`, values) : t('mail:email.open')
  return { subject, line: words.text, quote: words.quote ?? undefined }
}

async function notificationFooter(t: TFunction, publicUrl: string) {
  return [t('mail:email.why', { url: link(publicUrl, PREFERENCES_PATH) }), t('mail:email.signature')]
}

/** One notification sent at once. */
export async function notificationMessage(input: {
  locale: Locale
  publicUrl: string
  name: string
  notification: NotificationFacts
}): Promise<Rendered> {
  const t = await mailT(input.locale)
  const d = describe(t, input.locale, input.notification)
  return renderMessage({
    lang: input.locale,
    subject: d.subject,
    greeting: t('mail:email.greeting', { name: input.name }),
    paragraphs: [d.line],
    quote: d.quote ? t('mail:email.note', { note: d.quote }) : undefined,
    action: { label: t('mail:email.open'), url: link(input.publicUrl, input.notification.path) },
    footer: await notificationFooter(t, input.publicUrl),
  })
}

/** A day's notifications for one person, each a line linking to its page. */
export async function digestMessage(input: {
  locale: Locale
  publicUrl: string
  name: string
  notifications: NotificationFacts[]
}): Promise<Rendered> {
  const t = await mailT(input.locale)
  const items: MessageItem[] = input.notifications.map((n) => {
    const d = describe(t, input.locale, n)
    return { text: d.line, quote: d.quote, url: link(input.publicUrl, n.path) }
  })
  return renderMessage({
    lang: input.locale,
    subject: t('mail:email.digest.subject', { count: items.length }),
    greeting: t('mail:email.greeting', { name: input.name }),
    paragraphs: [t('mail:email.digest.intro')],
    items,
    footer: await notificationFooter(t, input.publicUrl),
  })
}
