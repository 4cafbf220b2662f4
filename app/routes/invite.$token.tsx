import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as InvitationRepository from '#db/repositories/invitations.ts'
import * as SessionRepository from '#db/repositories/sessions.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { AuthCard } from '../components/AuthCard.tsx'
import { ConformForm, NewPasswordFields, useSchemaForm } from '../components/forms.tsx'
import { hashPassword, sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import { completeSignIn, requireAnonymous } from '../utils/session.server.ts'
import { password, z } from '../utils/validation.ts'

const schema = z
  .object({ newPassword: password, confirmPassword: z.string().min(1).max(256) })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'validation.passwordsDiffer',
  })

async function findInvitation(token: string | undefined) {
  if (!token || token.length > 100) return undefined
  return InvitationRepository.findUsable(getDb(), sha256(token))
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const invitation = await findInvitation(params.token)
  return { invitee: invitation ? { name: invitation.name, email: invitation.email } : null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const invitation = await findInvitation(params.token)
  if (!invitation) throw data({ message: 'Not found' }, { status: 404 })
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['newPassword', 'confirmPassword'] }) }, { status: 400 })
  const db = getDb()
  const passwordHash = await hashPassword(submission.value.newPassword)
  // The link works once: marking it used and setting the password happen together.
  const accepted = await db.transaction().execute(async (trx) => {
    if (!(await InvitationRepository.markUsed(trx, invitation.id))) return false
    await UserRepository.updatePassword(trx, invitation.user_id, passwordHash)
    // A link also serves as a password reset: sessions opened with the old password end.
    await SessionRepository.deleteAllForUserExcept(trx, invitation.user_id, null)
    return true
  })
  if (!accepted) throw data({ message: 'Not found' }, { status: 404 })
  return completeSignIn(request, invitation.user_id, clientIp(request), '/plans')
}

export default function InvitePage() {
  const { invitee } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useSchemaForm(schema, {
    id: 'accept-invitation',
    lastResult: actionData?.result,
  })
  return (
    <AuthCard id="invite" title={t('invite.title')}>
      {invitee ? (
        <>
          <p className="lede">{t('invite.welcome', { name: invitee.name, email: invitee.email })}</p>
          <ConformForm form={form}>
            <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
            <button type="submit" className="button button--primary">
              {t('invite.accept')}
            </button>
          </ConformForm>
        </>
      ) : (
        <p className="alert alert--error">{t('invite.invalid')}</p>
      )}
    </AuthCard>
  )
}
