import { type TFunction } from 'i18next'
import { NOTIFICATION_KINDS, type Locale, type NotificationKind, type PlanRole } from '#core/vocabulary.ts'
import { formatDate } from '../utils/locales.ts'
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

function text(params: unknown, ...keys: string[]): string | undefined {
  if (!params || typeof params !== 'object') return undefined
  for (const key of keys) {
    const value = (params as Record<string, unknown>)[key]
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 2000)
    if (typeof value === 'number') return String(value)
  }
  return undefined
}

const isNotificationKind = (value: string): value is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(value)

function flag(params: unknown, key: string): unknown {
  return params && typeof params === 'object' ? (params as Record<string, unknown>)[key] : undefined
}

/** One notification as a subject, a sentence and an optional quote (a note, an excerpt). */
function describe(t: TFunction, locale: Locale, n: NotificationFacts) {
  const kind: NotificationKind | undefined = isNotificationKind(n.kind) ? n.kind : undefined
  const values = {
    actor: text(n.params, 'actorName') ?? n.actor_name ?? t('mail:email.someone'),
    plan: n.plan_title ?? text(n.params, 'planTitle', 'plan') ?? t('mail:email.aPlan'),
    indicator:
      text(n.params, 'indicatorName', 'indicator', 'indicatorTitle') ??
      t('mail:email.kinds.measurement_due.anIndicator'),
    date: dateText(text(n.params, 'dueDate', 'dueOn', 'date'), locale),
  }
  if (!kind) return { subject: t('mail:email.open'), line: t('mail:email.open'), quote: undefined }
  let line = t(`mail:email.kinds.${kind}.line`, values)
  if (kind === 'endorsement_recorded') {
    const decision = text(n.params, 'decision')
    if (decision === 'endorse') line = t('mail:email.kinds.endorsement_recorded.lineEndorse', values)
    if (decision === 'object') line = t('mail:email.kinds.endorsement_recorded.lineObject', values)
  }
  if (kind === 'measurement_due') {
    const due = text(n.params, 'dueDate', 'dueOn', 'date')
    const overdue =
      flag(n.params, 'overdue') === true || (due !== undefined && due < new Date().toISOString().slice(0, 10))
    if (overdue) line = t('mail:email.kinds.measurement_due.lineOverdue', values)
  }
  const quote = text(n.params, 'note', 'excerpt', 'body', 'text')
  return { subject: t(`mail:email.kinds.${kind}.subject`, values), line, quote }
}

function dateText(value: string | undefined, locale: Locale) {
  if (!value) return '…'
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? formatDate(value.slice(0, 10), locale) : value
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
