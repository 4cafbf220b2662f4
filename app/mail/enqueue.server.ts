import { type Executor } from '#db/executor.ts'
import * as MailRepository from '#db/repositories/mail-messages.ts'
import * as SecurityEventRepository from '#db/repositories/security-events.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { type Locale, type PlanRole, type SecurityEventKind } from '#core/vocabulary.ts'
import { readMailEnv } from './env.server.ts'
import { recipientLocale } from './i18n.server.ts'
import {
  invitationMessage,
  memberAddedMessage,
  passwordResetMessage,
  securityMessage,
  type Rendered,
} from './messages.server.ts'

// Messages that always go (ADR 060): each is rendered and queued in the caller's transaction, so it
// exists exactly when the invitation, the reset or the membership it announces does.

interface Recipient {
  id: string
  name: string
  email: string
  locale: string | null
}

/** One rendered message to one person, queued in the caller's transaction. */
function store(
  trx: Executor,
  user: { id: string; email: string },
  purpose: MailRepository.MailPurpose,
  locale: Locale,
  message: Rendered,
) {
  return MailRepository.insert(trx, { userId: user.id, to: user.email, purpose, locale, ...message })
}

export async function queueInvitation(
  trx: Executor,
  input: { user: Recipient; inviter: string; token: string; days: number },
) {
  const locale = recipientLocale(input.user.locale)
  const message = await invitationMessage({
    locale,
    publicUrl: readMailEnv().publicUrl,
    name: input.user.name,
    email: input.user.email,
    inviter: input.inviter,
    token: input.token,
    days: input.days,
  })
  return store(trx, input.user, 'invitation', locale, message)
}

export async function queuePasswordReset(trx: Executor, input: { user: Recipient; token: string; minutes: number }) {
  const locale = recipientLocale(input.user.locale)
  const message = await passwordResetMessage({
    locale,
    publicUrl: readMailEnv().publicUrl,
    name: input.user.name,
    email: input.user.email,
    token: input.token,
    minutes: input.minutes,
  })
  return store(trx, input.user, 'password_reset', locale, message)
}

export async function queueMemberAdded(
  trx: Executor,
  input: {
    user: Recipient
    actor: string
    plan: { id: string; title: string; working_language: string }
    role: PlanRole
  },
) {
  const locale = recipientLocale(input.user.locale, input.plan.working_language)
  const message = await memberAddedMessage({
    locale,
    publicUrl: readMailEnv().publicUrl,
    name: input.user.name,
    actor: input.actor,
    plan: input.plan,
    role: input.role,
  })
  return store(trx, input.user, 'plan_member_added', locale, message)
}

/**
 * Records a change to how someone signs in (ADR 064) and tells them by email in the same
 * transaction, whatever their notification choices: a change they did not make is how a stolen
 * password or device shows itself.
 */
export async function recordSecurityEvent(
  trx: Executor,
  input: { userId: string; kind: SecurityEventKind; ip: string | null },
) {
  await SecurityEventRepository.insert(trx, input)
  const user = await UserRepository.findById(trx, input.userId)
  if (!user) return
  const locale = recipientLocale(user.locale)
  const message = await securityMessage({
    locale,
    publicUrl: readMailEnv().publicUrl,
    name: user.name,
    kind: input.kind,
    at: new Date(),
    ip: input.ip,
  })
  await store(trx, user, 'security', locale, message)
}
