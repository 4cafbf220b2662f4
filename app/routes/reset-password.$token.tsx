import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as PasswordResetRepository from '#db/repositories/password-resets.ts'
import * as SessionRepository from '#db/repositories/sessions.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { AuthCard } from '../components/AuthCard.tsx'
import { ConformForm, NewPasswordFields, useSchemaForm } from '../components/forms.tsx'
import { recordSecurityEvent } from '../mail/enqueue.server.ts'
import { hashPassword, sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import { requireAnonymous } from '../utils/session.server.ts'
import { password, z } from '../utils/validation.ts'

export const handle = { i18n: ['common', 'mail'] }

const schema = z
  .object({ newPassword: password, confirmPassword: z.string().min(1).max(256) })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'validation.passwordsDiffer',
  })

async function findReset(token: string | undefined) {
  if (!token || token.length > 100) return undefined
  return PasswordResetRepository.findUsable(getDb(), sha256(token))
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const reset = await findReset(params.token)
  return { email: reset?.email ?? null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const reset = await findReset(params.token)
  if (!reset) throw data({ message: 'Not found' }, { status: 404 })
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success')
    return data(
      { result: submission.reply({ hideFields: ['newPassword', 'confirmPassword'] }), done: false },
      { status: 400 },
    )
  const db = getDb()
  const passwordHash = await hashPassword(submission.value.newPassword)
  // Once: the link is used, every other link of the account voided, the password set and every
  // session opened with the old one ended, together. The person then signs in as usual, so a
  // second factor, where there is one, is still asked for.
  const changed = await db.transaction().execute(async (trx) => {
    if (!(await PasswordResetRepository.markUsed(trx, reset.id, reset.user_id))) return false
    await UserRepository.updatePassword(trx, reset.user_id, passwordHash)
    await SessionRepository.deleteAllForUserExcept(trx, reset.user_id, null)
    await recordSecurityEvent(trx, { userId: reset.user_id, kind: 'password_changed', ip: clientIp(request) })
    return true
  })
  if (!changed) throw data({ message: 'Not found' }, { status: 404 })
  return { result: submission.reply({ resetForm: true }), done: true }
}

export const meta: MetaFunction = () => [{ title: 'New password · SCP Portal' }]

export default function ResetPasswordPage() {
  const { email } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('mail')
  const [form, fields] = useSchemaForm(schema, { id: 'reset-password', lastResult: actionData?.result })
  if (actionData?.done)
    return (
      <AuthCard id="reset-password" title={t('reset.title')}>
        <p className="alert alert--success" role="status">
          {t('reset.done')}
        </p>
        <p>
          <Link to="/login" className="button button--primary">
            {t('reset.signIn')}
          </Link>
        </p>
      </AuthCard>
    )
  return (
    <AuthCard id="reset-password" title={t('reset.title')}>
      {email ? (
        <>
          <p className="lede">{t('reset.intro', { email })}</p>
          <ConformForm form={form}>
            <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
            <button type="submit" className="button button--primary">
              {t('reset.submit')}
            </button>
          </ConformForm>
        </>
      ) : (
        <>
          <p className="alert alert--error">{t('reset.invalid')}</p>
          <p>
            <Link to="/forgot-password">{t('reset.askAgain')}</Link>
          </p>
        </>
      )}
    </AuthCard>
  )
}
