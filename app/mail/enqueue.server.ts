import { type Executor } from '#db/executor.ts'
import * as MailRepository from '#db/repositories/mail-messages.ts'
import { type PlanRole } from '#core/vocabulary.ts'
import { readMailEnv } from './env.server.ts'
import { recipientLocale } from './i18n.server.ts'
import { invitationMessage, memberAddedMessage, passwordResetMessage } from './messages.server.ts'

// Messages that always go (ADR 060): each is rendered and queued in the caller's transaction, so it
// exists exactly when the invitation, the reset or the membership it announces does.

interface Recipient {
  id: string
  name: string
  email: string
  locale: string | null
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
  return MailRepository.insert(trx, {
    userId: input.user.id,
    to: input.user.email,
    purpose: 'invitation',
    locale,
    ...message,
  })
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
  return MailRepository.insert(trx, {
    userId: input.user.id,
    to: input.user.email,
    purpose: 'password_reset',
    locale,
    ...message,
  })
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
  return MailRepository.insert(trx, {
    userId: input.user.id,
    to: input.user.email,
    purpose: 'plan_member_added',
    locale,
    ...message,
  })
}
