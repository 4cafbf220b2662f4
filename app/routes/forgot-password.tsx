import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthCard } from '../components/AuthCard.tsx'
import { ConformForm, TextField, useSchemaForm } from '../components/forms.tsx'
import { requestPasswordReset } from '../mail/password-reset.server.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import { requireAnonymous } from '../utils/session.server.ts'
import { z } from '../utils/validation.ts'

export const handle = { i18n: ['common', 'mail'] }

const schema = z.object({ email: z.string().trim().min(1).max(254).email() })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success') return data({ result: submission.reply(), sentTo: null }, { status: 400 })
  const outcome = await requestPasswordReset(submission.value.email, clientIp(request))
  if (outcome === 'throttled')
    return data({ result: submission.reply({ formErrors: ['mail:forgot.throttled'] }), sentTo: null }, { status: 429 })
  // The same answer whether or not an account uses the address (ADR 060).
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email }
}

export const meta: MetaFunction = () => [{ title: 'Forgotten password · SCP Portal' }]

export default function ForgotPasswordPage() {
  const { t } = useTranslation('mail')
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(schema, { id: 'forgot-password', lastResult: actionData?.result })
  return (
    <AuthCard id="forgot-password" title={t('forgot.title')}>
      {actionData?.sentTo ? (
        <p className="alert alert--success" role="status">
          {t('forgot.sent', { email: actionData.sentTo })}
        </p>
      ) : (
        <>
          <p className="lede">{t('forgot.intro')}</p>
          <ConformForm form={form}>
            <TextField field={fields.email} label={t('common:auth.email')} type="email" autoComplete="username" />
            <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
              {t('forgot.submit')}
            </button>
          </ConformForm>
        </>
      )}
      <p>
        <Link to="/login">{t('forgot.backToSignIn')}</Link>
      </p>
    </AuthCard>
  )
}
